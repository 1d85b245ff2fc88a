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
    [InlineData("<!channel> & *x*", "<!channel> & *x*")]
    [InlineData("a\nb\r\nc\td", "a b c d")]
    [InlineData("a\u2028b\u0085c", "a b c")]
    [InlineData("\u202Eab\u200B\u200C\u200D\u2060\uFEFF\u061C\u2066c\u2069", "abc")]
    [InlineData("a\u0000\u001B[0m", "a[0m")]
    [InlineData("\uE000x\uE000", "x")]
    [InlineData("caf\u00e9 \U0001F600", "caf\u00e9 \U0001F600")]
    [InlineData("\u200B\u202E", "(unprintable)")]
    public void AppendValue_ForSlack_KeepsOnlyWhatShowsAsWritten(string input, string expected) =>
        Assert.Equal(expected, Text(true, (ref TextBuilder t) => t.AppendValue(input)));

    [Fact]
    public void AppendValue_ForSlackWithLoneSurrogates_WritesReplacementCharacters() =>
        Assert.Equal("\uFFFDx\uFFFDy\uFFFD", Text(true, (ref TextBuilder t) => t.AppendValue("\uD800x\uDC00y\uD83D")));

    [Theory]
    [InlineData(300, 200)]
    [InlineData(200, 200)]
    [InlineData(10, 10)]
    public void AppendValue_ForSlack_CutsAtTheValueLimit(int length, int expected)
    {
        var result = Text(true, (ref TextBuilder t) => t.AppendValue(new string('x', length)));

        Assert.Equal(expected, result.Length);
        Assert.Equal(length > TextBuilder.ValueLimit, result.EndsWith('\u2026'));
    }

    [Fact]
    public void AppendValue_ForSlackWithWideCharacters_CutsBetweenPairs()
    {
        var result = Text(true, (ref TextBuilder t) => t.AppendValue("\u00e9" + string.Concat(Enumerable.Repeat("\U0001F600", 10)), 6));

        Assert.Equal("\u00e9\U0001F600\U0001F600\u2026", result);
    }

    [Fact]
    public void AppendValue_ForPlainText_KeepsTheValue() =>
        Assert.Equal("<!channel> & co\n", Text(false, (ref TextBuilder t) => t.AppendValue("<!channel> & co\n")));

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
            t.Append("abcdefg&lt;");
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
