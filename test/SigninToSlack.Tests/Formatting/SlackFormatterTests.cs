using System.Text.Json;
using System.Text;
using SigninToSlack.Alerts;
using SigninToSlack.Events;
using SigninToSlack.Formatting;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Formatting;

public sealed class SlackFormatterTests
{
    private static string Hostile(string userName, string userAgent) =>
        $$"""
        {"userIdentity":{"type":"IAMUser","userName":{{JsonSerializer.Serialize(userName)}}},"eventName":"ConsoleLogin",
         "userAgent":{{JsonSerializer.Serialize(userAgent)}},"sourceIPAddress":"<!here>","errorMessage":"<!everyone>",
         "responseElements":{"ConsoleLogin":"Failure"},"eventID":"abc<|>","awsRegion":"us-east-1"}
        """;

    private static List<string> AllTexts(JsonDocument payload)
    {
        var texts = new List<string>();
        Collect(payload.RootElement, texts);
        return texts;

        static void Collect(JsonElement element, List<string> into)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.Name == "text" && property.Value.ValueKind == JsonValueKind.String)
                        {
                            into.Add(property.Value.GetString()!);
                        }

                        Collect(property.Value, into);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item, into);
                    }

                    break;
            }
        }
    }

    /// <summary>Every '&lt;' in a text opens a date or console link this product wrote, never one from the event.</summary>
    private static void AssertOnlyOwnControlSequences(string text)
    {
        for (var at = text.IndexOf('<', StringComparison.Ordinal); at >= 0; at = text.IndexOf('<', at + 1))
        {
            var rest = text.AsSpan(at);
            Assert.True(
                rest.StartsWith("<!date^", StringComparison.Ordinal) || rest.StartsWith("<https://us-east-1.console.aws.amazon.com/cloudtrailv2/", StringComparison.Ordinal),
                $"unexpected control sequence at {at}: {rest[..Math.Min(rest.Length, 30)]}");
        }
    }

    private static JsonElement Blocks(JsonDocument payload) =>
        payload.RootElement.GetProperty("attachments")[0].GetProperty("blocks");

    [Fact]
    public void Write_HostileValues_ReachSlackAsTextNotControlSyntax()
    {
        using var payload = Samples.Payload(Samples.Alert(Hostile("eve<@U12345>", "<!channel> <https://evil.example|click> & co")));

        var texts = AllTexts(payload);

        Assert.NotEmpty(texts);
        Assert.All(texts, AssertOnlyOwnControlSequences);
        Assert.Contains(texts, t => t.Contains("&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; co", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("eve&lt;@U12345&gt;", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("&lt;!here&gt;", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_EventIdThatCouldBreakALink_GetsNoLink()
    {
        using var payload = Samples.Payload(Samples.Alert(Hostile("eve", "ua")));

        var context = Blocks(payload)[Blocks(payload).GetArrayLength() - 1].GetProperty("elements")[0].GetProperty("text").GetString();

        Assert.Equal("Event ID abc&lt;|&gt;", context);
    }

    [Fact]
    public void Write_HugeValues_HoldEveryBlockKitLimit()
    {
        var huge = string.Concat(Enumerable.Repeat("<&>é\U0001F600", 5000));

        var payload = Encoding.UTF8.GetString(Samples.PayloadBytes(Samples.Alert(Hostile(huge, huge))));

        BlockKit.AssertValid(payload);
        using var doc = JsonDocument.Parse(payload);
        Assert.All(AllTexts(doc), AssertOnlyOwnControlSequences);
        Assert.True(doc.RootElement.GetProperty("text").GetString()!.Length <= SlackLimits.MessageText);
        Assert.Contains(AllTexts(doc), t => t.EndsWith('\u2026'));
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

        Assert.Equal(":rotating_light: [CRITICAL] The root user of 111122223333 signed in to the AWS console without MFA", payload.RootElement.GetProperty("text").GetString());
        Assert.Equal(":rotating_light: Critical: Console sign-in succeeded (root user)", Blocks(payload)[0].GetProperty("text").GetProperty("text").GetString());
    }

    [Fact]
    public void Write_NoTimeNoIdNoUserAgent_SaysNotRecordedAndOmitsTheUserAgent()
    {
        using var payload = Samples.Payload(Samples.Alert("""{"userIdentity":{"type":"IAMUser","userName":"bo"},"eventName":"ConsoleLogin"}"""));

        var blocks = Blocks(payload);
        var texts = AllTexts(payload);

        Assert.Equal(4, blocks.GetArrayLength());
        Assert.Contains("*Result*\nNot recorded", texts);
        Assert.DoesNotContain(texts, t => t.StartsWith("*User agent*", StringComparison.Ordinal));
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
