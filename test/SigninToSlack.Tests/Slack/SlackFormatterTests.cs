using System.Text.Json;
using SigninToSlack.Alerts;
using SigninToSlack.Slack;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Slack;

public sealed class SlackFormatterTests
{
    private static string Hostile(string userName, string userAgent) =>
        $$"""
        {"userIdentity":{"type":"IAMUser","userName":{{JsonSerializer.Serialize(userName)}}},"eventName":"ConsoleLogin",
         "userAgent":{{JsonSerializer.Serialize(userAgent)}},"sourceIPAddress":"<!here>","errorMessage":"<!everyone>",
         "responseElements":{"ConsoleLogin":"Failure"},"eventID":"abc<|>","awsRegion":"us-east-1"}
        """;

    private static List<string> AllTexts(byte[] payload)
    {
        using var doc = JsonDocument.Parse(payload);
        var texts = new List<string>();
        Collect(doc.RootElement, texts);
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

    [Fact]
    public void Format_HostileValues_ReachSlackAsTextNotControlSyntax()
    {
        var alert = Samples.Alert(Hostile("eve<@U12345>", "<!channel> <https://evil.example|click> & co"));

        var payload = SlackPayload.Serialize(SlackFormatter.Format(alert));

        var texts = AllTexts(payload).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, AssertOnlyOwnControlSequences);
        foreach (var text in texts)
        {
            Assert.DoesNotContain("<!channel>", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<!here>", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<!everyone>", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<@U12345>", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<https://evil", text, StringComparison.Ordinal);
        }

        Assert.Contains(texts, t => t.Contains("&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; co", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("eve&lt;@U12345&gt;", StringComparison.Ordinal));
    }

    [Fact]
    public void Format_EventIdThatCouldBreakALink_GetsNoLink()
    {
        var alert = Samples.Alert(Hostile("eve", "ua"));

        var context = Assert.IsType<ContextBlock>(SlackFormatter.Format(alert).Attachments[0].Blocks[^1]);

        Assert.DoesNotContain("View in CloudTrail", context.Elements[0].Text, StringComparison.Ordinal);
        Assert.Contains("abc&lt;|&gt;", context.Elements[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_HugeValues_HoldEveryBlockKitLimit()
    {
        var huge = string.Concat(Enumerable.Repeat("<&>é\U0001F600", 5000));
        var alert = Samples.Alert(Hostile(huge, huge));

        var message = SlackFormatter.Format(alert);

        Assert.True(message.Text.Length <= SlackLimits.MessageText);
        var blocks = message.Attachments[0].Blocks;
        Assert.InRange(blocks.Count, 1, SlackLimits.Blocks);
        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeaderBlock header:
                    Assert.Equal("plain_text", header.Text.Type);
                    Assert.InRange(header.Text.Text.Length, 1, SlackLimits.HeaderText);
                    break;
                case SectionBlock section:
                    Assert.True(section.Text is null || section.Text.Text.Length <= SlackLimits.SectionText);
                    Assert.True(section.Fields is null || section.Fields.Count <= SlackLimits.Fields);
                    Assert.All(section.Fields ?? [], f => Assert.InRange(f.Text.Length, 1, SlackLimits.Field));
                    break;
                case ContextBlock context:
                    Assert.All(context.Elements, e => Assert.InRange(e.Text.Length, 1, SlackLimits.ContextElementText));
                    break;
            }
        }

        Assert.All(AllTexts(SlackPayload.Serialize(message)), AssertOnlyOwnControlSequences);
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

    [Theory]
    [InlineData(nameof(Severity.Critical), "#D40E0D")]
    [InlineData(nameof(Severity.High), "#E8912D")]
    [InlineData(nameof(Severity.Info), "#2EB67D")]
    public void Color_EachSeverity_HasItsOwnColour(string severity, string expected) =>
        Assert.Equal(expected, SlackFormatter.Color(Enum.Parse<Severity>(severity)));

    [Fact]
    public void Format_AnyAlert_SetsTopLevelTextWithSeverity()
    {
        var alert = Samples.Alert("""{"userIdentity":{"type":"Root","accountId":"111122223333"},"eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"MFAUsed":"No"}}""");

        var message = SlackFormatter.Format(alert);

        Assert.Equal(":rotating_light: [CRITICAL] The root user of 111122223333 signed in to the AWS console without MFA", message.Text);
    }

    /// <summary>The whole payload for one published event, pinned: any formatting change shows here as a diff.</summary>
    [Fact]
    public void Format_IamUserFailureSample_MatchesGoldenPayload()
    {
        var evt = SigninToSlack.Events.EventReader.ReadEventBridge(Samples.File("iam-user-failure.json"));

        var payload = System.Text.Encoding.UTF8.GetString(SlackPayload.Serialize(SlackFormatter.Format(AlertClassifier.Classify(evt).Alert!)));

        var golden = File.ReadAllText(Path.Combine(RepoFiles.Root, "test", "SigninToSlack.Tests", "Slack", "golden", "iam-user-failure.payload.json")).TrimEnd();
        Assert.Equal(golden, payload);
    }
}
