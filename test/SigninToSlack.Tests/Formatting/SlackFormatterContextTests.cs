using System.Text;
using SigninToSlack.Alerts;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Formatting;

/// <summary>What configuration adds to a message: the account's name, the source network, the person's mention.</summary>
public sealed class SlackFormatterContextTests
{
    private static readonly string Golden =
        File.ReadAllText(Path.Combine(RepoFiles.Root, "test", "SigninToSlack.Tests", "Formatting", "golden", "iam-user-failure.payload.json")).TrimEnd();

    private static string Write(SigninAlert alert) => Encoding.UTF8.GetString(Samples.PayloadBytes(alert));

    private static SigninAlert Sample(AlertContext? context) => Samples.AlertFromFile("iam-user-failure.json") with { Context = context };

    [Fact]
    public void Write_FullContext_ChangesOnlyTheAccountSourceAndMentions()
    {
        var payload = Write(Sample(new AlertContext("prod", "office VPN", false, "U0ANAYA1")));

        var expected = Golden
            .Replace("\u00b7 IAM user \u00b7", "\u00b7 IAM user <@U0ANAYA1> \u00b7", StringComparison.Ordinal)
            .Replace("{\"type\":\"text\",\"text\":\"IAM user anaya\"}", "{\"type\":\"text\",\"text\":\"IAM user anaya\"},{\"type\":\"text\",\"text\":\" \"},{\"type\":\"user\",\"user_id\":\"U0ANAYA1\"}", StringComparison.Ordinal)
            .Replace("\"text\":\"111122223333\"}", "\"text\":\"111122223333 (prod)\"}", StringComparison.Ordinal)
            .Replace("\"text\":\"192.0.2.0\"}", "\"text\":\"192.0.2.0 (office VPN)\"}", StringComparison.Ordinal);
        Assert.NotEqual(Golden, expected);
        Assert.Equal(expected, payload);
    }

    [Fact]
    public void Write_UnknownNetwork_IsMarkedNextToTheSourceIp() =>
        Assert.Contains("\"text\":\"192.0.2.0 (unknown network)\"}", Write(Sample(new AlertContext(UnknownNetwork: true))), StringComparison.Ordinal);

    [Fact]
    public void Write_NoContext_IsTheGoldenPayload() =>
        Assert.Equal(Golden, Write(Sample(null)));

    [Fact]
    public void Write_EmptyContext_IsTheGoldenPayload() =>
        Assert.Equal(Golden, Write(Sample(new AlertContext())));

    [Fact]
    public void Write_LabelsWithMarkup_AreLiteralTextLikeEventText()
    {
        var payload = Write(Sample(new AlertContext("<!channel> & co\n*x*", "<https://x.example|vpn>")));

        Assert.Contains("\"text\":\"111122223333 (<!channel> & co *x*)\"}", payload, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"192.0.2.0 (<https://x.example|vpn>)\"}", payload, StringComparison.Ordinal);
        Assert.Equal(Golden[..Golden.IndexOf(",\"attachments\"", StringComparison.Ordinal)], payload[..payload.IndexOf(",\"attachments\"", StringComparison.Ordinal)]);
    }

    /// <summary>The mention (in the top-level text, and as a user element after the name) is written only for a real member ID.</summary>
    [Theory]
    [InlineData("U0ANAYA1", true)]
    [InlineData("W0ANAYA1", true)]
    [InlineData("U0ANAYA1> <!channel", false)]
    [InlineData("!here", false)]
    public void Write_Mention_OnlyForAValidMemberId(string member, bool mentioned)
    {
        var payload = Write(Sample(new AlertContext(MemberId: member)));

        Assert.Equal(mentioned ? 1 : 0, CountOf(payload, "<@"));
        Assert.Equal(mentioned ? 1 : 0, CountOf(payload, "{\"type\":\"user\",\"user_id\":\"" + member + "\"}"));
        Assert.DoesNotContain("<!channel", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("<!here", payload, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
