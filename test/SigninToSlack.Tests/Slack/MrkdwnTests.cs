using SigninToSlack.Slack;

namespace SigninToSlack.Tests.Slack;

public sealed class MrkdwnTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("<!channel>", "&lt;!channel&gt;")]
    [InlineData("<https://evil|click>", "&lt;https://evil|click&gt;")]
    [InlineData("a & b", "a &amp; b")]
    [InlineData("&amp;", "&amp;amp;")]
    [InlineData("<@U123>", "&lt;@U123&gt;")]
    public void Escape_ControlCharacters_BecomeEntities(string input, string expected) =>
        Assert.Equal(expected, Mrkdwn.Escape(input));

    [Fact]
    public void Truncate_ShortText_IsUnchanged() =>
        Assert.Equal("abc", Mrkdwn.Truncate("abc", 3));

    [Fact]
    public void Truncate_LongText_EndsWithEllipsisWithinLimit()
    {
        var result = Mrkdwn.Truncate(new string('x', 100), 10);

        Assert.Equal(10, result.Length);
        Assert.EndsWith("\u2026", result, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncate_CutInsideEntity_BacksOffToWholeEntity()
    {
        var escaped = Mrkdwn.Escape("abcdefg<");

        var result = Mrkdwn.Truncate(escaped, 10);

        Assert.Equal("abcdefg\u2026", result);
    }

    [Fact]
    public void Truncate_CutInsideSurrogatePair_KeepsPairWhole()
    {
        var result = Mrkdwn.Truncate("ab\U0001F600cd", 4);

        Assert.Equal("ab\u2026", result);
    }
}
