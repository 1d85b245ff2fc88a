using System.Text.Json;
using System.Text;
using SigninToSlack.Alerts;
using SigninToSlack.Events;
using SigninToSlack.Formatting;
using SigninToSlack.Tests.Support;
using SigninToSlack.Text;

namespace SigninToSlack.Tests.Formatting;

public sealed class SlackFormatterTests
{
    private static string Hostile(string userName, string userAgent) =>
        $$"""
        {"userIdentity":{"type":"IAMUser","userName":{{JsonSerializer.Serialize(userName)}}},"eventName":"ConsoleLogin",
         "userAgent":{{JsonSerializer.Serialize(userAgent)}},"sourceIPAddress":"<!here>","errorMessage":"<!everyone>",
         "responseElements":{"ConsoleLogin":"Failure"},"eventID":"abc<|>","awsRegion":"us-east-1"}
        """;

    /// <summary>The texts Slack reads as mrkdwn: the top-level text and the context line.</summary>
    private static List<string> MrkdwnTexts(JsonDocument payload) =>
        [payload.RootElement.GetProperty("text").GetString()!, .. Blocks(payload).EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "context")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Select(e => e.GetProperty("text").GetString()!)];

    /// <summary>The rich-text text elements, in order.</summary>
    private static List<string> RichTexts(JsonDocument payload) =>
        [.. Blocks(payload).EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "rich_text")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .SelectMany(s => s.GetProperty("elements").EnumerateArray())
            .Where(e => e.GetProperty("type").GetString() == "text")
            .Select(e => e.GetProperty("text").GetString()!)];

    /// <summary>Every '&lt;' in a mrkdwn text opens the console link this product wrote, never one from the event.</summary>
    private static void AssertOnlyOwnControlSequences(string text)
    {
        for (var at = text.IndexOf('<', StringComparison.Ordinal); at >= 0; at = text.IndexOf('<', at + 1))
        {
            var rest = text.AsSpan(at);
            Assert.True(
                rest.StartsWith("<https://us-east-1.console.aws.amazon.com/cloudtrailv2/", StringComparison.Ordinal),
                $"unexpected control sequence at {at}: {rest[..Math.Min(rest.Length, 30)]}");
        }
    }

    private static JsonElement Blocks(JsonDocument payload) =>
        payload.RootElement.GetProperty("attachments")[0].GetProperty("blocks");

    [Fact]
    public void Write_HostileValues_ReachSlackAsLiteralTextNotControlSyntax()
    {
        using var payload = Samples.Payload(Samples.Alert(Hostile("eve<@U12345>", "<!channel> <https://evil.example|click> & co")));

        Assert.All(MrkdwnTexts(payload), AssertOnlyOwnControlSequences);
        var rich = RichTexts(payload);
        Assert.Contains("<!channel> <https://evil.example|click> & co", rich);
        Assert.Contains("eve<@U12345>", rich);
        Assert.Contains("<!here>", rich);
        Assert.Contains("Failure: <!everyone>", rich);
    }

    [Fact]
    public void Write_EventIdThatCouldBreakALink_GetsNoLinkAndIsShownAsText()
    {
        using var payload = Samples.Payload(Samples.Alert(Hostile("eve", "ua")));

        var context = Blocks(payload)[Blocks(payload).GetArrayLength() - 1].GetProperty("elements")[0].GetProperty("text").GetString();

        Assert.Equal("Event ID not of CloudTrail's form (shown above as recorded)", context);
        var rich = RichTexts(payload);
        Assert.Equal("abc<|>", rich[rich.IndexOf("\nEvent ID: ") + 1]);
    }

    [Fact]
    public void Write_HugeValues_HoldEveryBlockKitLimit()
    {
        var huge = string.Concat(Enumerable.Repeat("<&>é\U0001F600", 5000));

        var payload = Encoding.UTF8.GetString(Samples.PayloadBytes(Samples.Alert(Hostile(huge, huge))));

        BlockKit.AssertValid(payload);
        using var doc = JsonDocument.Parse(payload);
        Assert.All(MrkdwnTexts(doc), AssertOnlyOwnControlSequences);
        var rich = RichTexts(doc);
        Assert.Contains(rich, t => t.Length == SlackLimits.UserAgent && t.EndsWith('\u2026'));
        Assert.Contains(rich, t => t.Length == TextBuilder.ValueLimit && t.EndsWith('\u2026'));
    }

    [Theory]
    [InlineData("root-success.json", nameof(Severity.Critical), "#D40E0D")]
    [InlineData("iam-user-failure.json", nameof(Severity.High), "#E8912D")]
    [InlineData("iam-user-success-mfa.json", nameof(Severity.Info), "#2EB67D")]
    public void Write_EachSeverity_HasItsOwnColour(string sample, string severity, string expected)
    {
        var alert = Samples.AlertFromFile(sample);

        using var payload = Samples.Payload(alert);

        Assert.Equal(Enum.Parse<Severity>(severity), alert.Severity);
        Assert.Equal(expected, payload.RootElement.GetProperty("attachments")[0].GetProperty("color").GetString());
    }

    [Fact]
    public void Write_RootWithoutMfa_SetsTopLevelTextWithSeverity()
    {
        var alert = Samples.Alert("""{"userIdentity":{"type":"Root","accountId":"111122223333"},"eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"MFAUsed":"No"}}""");

        using var payload = Samples.Payload(alert);

        Assert.Equal(":rotating_light: [CRITICAL] Console sign-in succeeded without MFA \u00b7 root user \u00b7 account 111122223333", payload.RootElement.GetProperty("text").GetString());
        Assert.Equal(["The root user of ", "111122223333", " signed in to the AWS console without MFA"], RichTexts(payload)[..3]);
        Assert.Equal(":rotating_light: Critical: Console sign-in succeeded (root user)", Blocks(payload)[0].GetProperty("text").GetProperty("text").GetString());
    }

    [Fact]
    public void Write_NoTimeNoIdNoUserAgent_SaysNotRecordedAndOmitsTheUserAgent()
    {
        using var payload = Samples.Payload(Samples.Alert("""{"userIdentity":{"type":"IAMUser","userName":"bo"},"eventName":"ConsoleLogin"}""") with { Time = null, EventId = null });

        var blocks = Blocks(payload);
        var texts = RichTexts(payload);

        Assert.Equal(4, blocks.GetArrayLength());
        Assert.Equal("Not recorded", texts[texts.IndexOf("\nResult: ") + 1]);
        Assert.Equal("not recorded", texts[texts.IndexOf("\nTime: ") + 1]);
        Assert.DoesNotContain("\nUser agent: ", texts);
        Assert.Equal("Event ID not recorded", MrkdwnTexts(payload)[1]);
    }

    /// <summary>The whole payload for one published event, pinned: any formatting change shows here as a diff.</summary>
    [Fact]
    public void Write_IamUserFailureSample_MatchesGoldenPayload()
    {
        var payload = Encoding.UTF8.GetString(Samples.PayloadBytes(Samples.AlertFromFile("iam-user-failure.json")));

        var golden = File.ReadAllText(Path.Combine(RepoFiles.Root, "test", "SigninToSlack.Tests", "Formatting", "golden", "iam-user-failure.payload.json")).TrimEnd();
        Assert.Equal(golden, payload);
    }
}
