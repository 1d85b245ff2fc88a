using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SigninToSlack.Tests.Support;

/// <summary>
/// A password-spraying run as EventBridge events: failed console sign-ins from three IPs against ten IAM users, with
/// successes mixed in (some from the attackers' IPs, some from the office), one event every 0.6 s; and SQS batches
/// that carry them as the event source mapping does.
/// </summary>
internal static class SprayingRun
{
    public static readonly string[] AttackerIps = ["203.0.113.9", "198.51.100.23", "192.0.2.77"];
    public const string OfficeIp = "10.20.30.40";
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 1, 0, TimeSpan.Zero);

    /// <summary>One event of the run.</summary>
    internal sealed record Event(string EventId, string Json, bool Success, string SourceIp, string User);

    /// <summary><paramref name="count"/> events; every <paramref name="successEvery"/>th one is a success, alternately from an attacker's IP and the office.</summary>
    public static IReadOnlyList<Event> Create(int count, int successEvery = 20)
    {
        var events = new List<Event>(count);
        for (var i = 0; i < count; i++)
        {
            var success = (i + 1) % successEvery == 0;
            var ip = success && (i / successEvery) % 2 == 1 ? OfficeIp : AttackerIps[i % AttackerIps.Length];
            var user = "user" + (i % 10).ToString(CultureInfo.InvariantCulture);
            var id = new Guid(i + 1, 0x4575, 0x4cb8, 0xa6, 0x32, 0x61, 0x1b, 0x82, 0x43, 0xbf, 0xc3).ToString();
            events.Add(new Event(id, Json(id, user, ip, success, Start.AddMilliseconds(600 * i)), success, ip, user));
        }

        return events;
    }

    public static string Json(string eventId, string user, string ip, bool success, DateTimeOffset time)
    {
        var at = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var outcome = success ? "Success" : "Failure";
        var error = success ? string.Empty : "\"errorMessage\":\"Failed authentication\",";
        return """{"version":"0","id":"ID","detail-type":"AWS Console Sign In via CloudTrail","source":"aws.signin","account":"111122223333","time":"AT","region":"us-east-1","resources":[],"detail":{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","accountId":"111122223333","userName":USER},"eventTime":"AT","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1","sourceIPAddress":IP,"userAgent":"Mozilla/5.0",ERROR"responseElements":{"ConsoleLogin":"OUTCOME"},"additionalEventData":{"MFAUsed":"Yes"},"eventID":"ID","eventType":"AwsConsoleSignIn","recipientAccountId":"111122223333"}}"""
            .Replace("\"ID\"", $"\"{eventId}\"", StringComparison.Ordinal).Replace("\"AT\"", $"\"{at}\"", StringComparison.Ordinal)
            .Replace("USER", JsonSerializer.Serialize(user), StringComparison.Ordinal).Replace("IP,", JsonSerializer.Serialize(ip) + ",", StringComparison.Ordinal)
            .Replace("ERROR", error, StringComparison.Ordinal).Replace("OUTCOME", outcome, StringComparison.Ordinal);
    }

    /// <summary>The SQS event Lambda hands the function: each record's body is one event; its message ID is "m-" and the event's ID.</summary>
    public static string SqsBatch(IEnumerable<string> eventJson)
    {
        var json = new StringBuilder("{\"Records\":[");
        var first = true;
        foreach (var body in eventJson)
        {
            using var doc = JsonDocument.Parse(body);
            var id = doc.RootElement.GetProperty("id").GetString();
            json.Append(first ? string.Empty : ",");
            json.Append(CultureInfo.InvariantCulture, $$"""{"messageId":"m-{{id}}","receiptHandle":"AQEB{{id}}","body":{{JsonSerializer.Serialize(body)}},"attributes":{"ApproximateReceiveCount":"1"},"messageAttributes":{},"md5OfBody":"0","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:111122223333:signin-to-slack","awsRegion":"us-east-1"}""");
            first = false;
        }

        return json.Append("]}").ToString();
    }
}
