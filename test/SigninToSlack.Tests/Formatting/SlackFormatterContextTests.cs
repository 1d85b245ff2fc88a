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
            .Replace("from 192.0.2.0\",\"attachments\"", "from 192.0.2.0 <@U0ANAYA1>\",\"attachments\"", StringComparison.Ordinal)
            .Replace("*Who*\\nIAM user anaya\"", "*Who*\\nIAM user anaya <@U0ANAYA1>\"", StringComparison.Ordinal)
            .Replace("*Account*\\n111122223333\"", "*Account*\\n111122223333 (prod)\"", StringComparison.Ordinal)
            .Replace("*Source IP*\\n192.0.2.0\"", "*Source IP*\\n192.0.2.0 (office VPN)\"", StringComparison.Ordinal);
        Assert.NotEqual(Golden, expected);
        Assert.Equal(expected, payload);
    }

    [Fact]
    public void Write_UnknownNetwork_IsMarkedNextToTheSourceIp() =>
        Assert.Contains("*Source IP*\\n192.0.2.0 (unknown network)\"", Write(Sample(new AlertContext(UnknownNetwork: true))), StringComparison.Ordinal);

    [Fact]
    public void Write_NoContext_IsTheGoldenPayload() =>
        Assert.Equal(Golden, Write(Sample(null)));

    [Fact]
    public void Write_EmptyContext_IsTheGoldenPayload() =>
        Assert.Equal(Golden, Write(Sample(new AlertContext())));

    [Fact]
    public void Write_LabelsWithMarkup_AreEscapedLikeEventText()
    {
        var payload = Write(Sample(new AlertContext("<!channel> & co", "<https://x.example|vpn>")));

        Assert.Contains("111122223333 (&lt;!channel&gt; &amp; co)", payload, StringComparison.Ordinal);
        Assert.Contains("192.0.2.0 (&lt;https://x.example|vpn&gt;)", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", payload, StringComparison.Ordinal);
    }

    /// <summary>The mention is the one control sequence an alert may carry that is not fixed product text, and only for a real member ID.</summary>
    [Theory]
    [InlineData("U0ANAYA1", true)]
    [InlineData("W0ANAYA1", true)]
    [InlineData("U0ANAYA1> <!channel", false)]
    [InlineData("!here", false)]
    public void Write_Mention_OnlyForAValidMemberId(string member, bool mentioned)
    {
        var payload = Write(Sample(new AlertContext(MemberId: member)));

        Assert.Equal(mentioned ? 2 : 0, CountOf(payload, "<@"));
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
