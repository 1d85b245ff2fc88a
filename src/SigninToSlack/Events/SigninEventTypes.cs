namespace SigninToSlack.Events;

/// <summary>The EventBridge source and detail-types that carry sign-ins.</summary>
internal static class SigninEventTypes
{
    public const string Source = "aws.signin";
    public const string ConsoleSignIn = "AWS Console Sign In via CloudTrail";
    public const string ServiceEvent = "AWS Service Event via CloudTrail";

    /// <summary>The detail-type CloudTrail delivery gives a record of this <c>eventType</c> (older records vary its casing).</summary>
    public static string? DetailTypeFor(string? eventType) => eventType?.ToUpperInvariant() switch
    {
        "AWSCONSOLESIGNIN" => ConsoleSignIn,
        "AWSSERVICEEVENT" => ServiceEvent,
        "AWSAPICALL" => "AWS API Call via CloudTrail",
        _ => null,
    };
}
