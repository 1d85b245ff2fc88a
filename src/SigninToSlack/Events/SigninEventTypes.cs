namespace SigninToSlack.Events;

/// <summary>The EventBridge source and detail-types that carry sign-ins.</summary>
internal static class SigninEventTypes
{
    public const string Source = "aws.signin";
    public const string ConsoleSignIn = "AWS Console Sign In via CloudTrail";
    public const string ServiceEvent = "AWS Service Event via CloudTrail";

    /// <summary>Any service's API call, as CloudTrail delivers it: what the watcher's rule matches.</summary>
    public const string ApiCall = "AWS API Call via CloudTrail";

    /// <summary>Sent by AWS Sign-In directly to EventBridge (durable delivery), not through CloudTrail.</summary>
    public const string AnomalyAlert = "Sign-in Anomaly Alert";

    /// <summary>The detail-types whose detail is a sign-in record.</summary>
    public static bool IsSignin(string? detailType) => detailType is ConsoleSignIn or ServiceEvent;

    /// <summary>The detail-type CloudTrail delivery gives a record of this <c>eventType</c> (older records vary its casing).</summary>
    public static string? DetailTypeFor(string? eventType) => eventType?.ToUpperInvariant() switch
    {
        "AWSCONSOLESIGNIN" => ConsoleSignIn,
        "AWSSERVICEEVENT" => ServiceEvent,
        "AWSAPICALL" => ApiCall,
        _ => null,
    };
}
