using SigninToSlack.Alerts;
using SigninToSlack.Events;

namespace SigninToSlack.Cli;

/// <summary>Wraps a CloudTrail record, as copied from the CloudTrail console, in the EventBridge event it would arrive as.</summary>
internal static class BareRecord
{
    public static EventBridgeEvent Wrap(CloudTrailRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var signin = record.EventSource == "signin.amazonaws.com";
        return new EventBridgeEvent
        {
            Version = "0",
            Id = record.EventId,
            DetailType = SigninEventTypes.DetailTypeFor(record.EventType) ?? (signin ? SigninEventTypes.ConsoleSignIn : null),
            Source = signin ? SigninEventTypes.Source : SourceOf(record.EventSource),
            Account = record.RecipientAccountId,
            Time = record.EventTime,
            Region = record.AwsRegion,
            Detail = record,
        };
    }

    // iam.amazonaws.com is delivered as aws.iam.
    private static string? SourceOf(string? eventSource) =>
        eventSource?.Split('.', 2)[0] is { Length: > 0 } service ? "aws." + service : null;
}
