namespace SigninToSlack.Events;

/// <summary>Gives a bare CloudTrail record, as copied from the CloudTrail console, the envelope it would arrive in from EventBridge.</summary>
internal static class BareRecord
{
    public static SigninRecord Envelope(SigninRecord record)
    {
        var signin = record.EventSource == "signin.amazonaws.com";
        record.HasDetail = true;
        record.DetailType = SigninEventTypes.DetailTypeFor(record.EventType) ?? (signin ? SigninEventTypes.ConsoleSignIn : null);
        record.Source = signin ? SigninEventTypes.Source : SourceOf(record.EventSource);
        return record;
    }

    // iam.amazonaws.com is delivered as aws.iam.
    private static string? SourceOf(string? eventSource) =>
        eventSource?.Split('.', 2)[0] is { Length: > 0 } service ? "aws." + service : null;
}
