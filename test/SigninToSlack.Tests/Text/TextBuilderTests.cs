using SigninToSlack.Text;

namespace SigninToSlack.Tests.Text;

public sealed class TextBuilderTests
{
    private delegate void Build(ref TextBuilder text);

    private static string Text(bool escape, Build build)
    {
        var text = new TextBuilder(escape, 4);
        try
        {
            build(ref text);
            return text.ToString();
        }
        finally
        {
            text.Dispose();
        }
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("<!channel>", "&lt;!channel&gt;")]
    [InlineData("<https://evil|click>", "&lt;https://evil|click&gt;")]
    [InlineData("a & b", "a &amp; b")]
    [InlineData("&amp;", "&amp;amp;")]
    [InlineData("<@U123>", "&lt;@U123&gt;")]
    public void AppendValue_ForSlack_WritesEntitiesForControlCharacters(string input, string expected) =>
        Assert.Equal(expected, Text(true, (ref TextBuilder t) => t.AppendValue(input)));

    [Fact]
    public void AppendValue_ForPlainText_KeepsTheValue() =>
        Assert.Equal("<!channel> & co", Text(false, (ref TextBuilder t) => t.AppendValue("<!channel> & co")));

    [Fact]
    public void Append_PastTheFirstBuffer_GrowsAndKeepsEverything() =>
        Assert.Equal(new string('x', 5000) + "end", Text(true, (ref TextBuilder t) =>
        {
            t.Append(new string('x', 5000));
            t.Append("end");
        }));

    [Fact]
    public void Truncate_ShortText_IsUnchanged() =>
        Assert.Equal("abc", Text(true, (ref TextBuilder t) =>
        {
            t.Append("abc");
            t.Truncate(3);
        }));

    [Fact]
    public void Truncate_LongText_EndsWithEllipsisWithinLimit()
    {
        var result = Text(true, (ref TextBuilder t) =>
        {
            t.Append(new string('x', 100));
            t.Truncate(10);
        });

        Assert.Equal(10, result.Length);
        Assert.EndsWith("\u2026", result, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncate_CutInsideEntity_BacksOffToWholeEntity() =>
        Assert.Equal("abcdefg\u2026", Text(true, (ref TextBuilder t) =>
        {
            t.AppendValue("abcdefg<");
            t.Truncate(10);
        }));

    [Fact]
    public void Truncate_CutInsideSurrogatePair_KeepsPairWhole() =>
        Assert.Equal("ab\u2026", Text(false, (ref TextBuilder t) =>
        {
            t.Append("ab\U0001F600cd");
            t.Truncate(4);
        }));

    [Fact]
    public void Rewind_DropsWhatCameAfter() =>
        Assert.Equal("keep", Text(false, (ref TextBuilder t) =>
        {
            t.Append("keep");
            var at = t.Length;
            t.Append(" drop");
            t.Rewind(at);
        }));
}
