using System.Buffers;
using System.Text.Json;
using System.Text;
using SigninToSlack.Formatting;

namespace SigninToSlack.Tests.Formatting;

public sealed class JsonTextTests
{
    private static string Ours(string value)
    {
        var buffer = new byte[JsonText.MaxLength(value.Length)];
        return Encoding.UTF8.GetString(buffer, 0, JsonText.Escape(value, buffer));
    }

    private static string Writers(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonText.Encoder }))
        {
            json.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain ascii")]
    [InlineData("*Who*\nIAM user anaya")]
    [InlineData("quote \" and backslash \\ and tab \t and cr \r and bell \u0007 and del \u007f")]
    [InlineData("&lt;!channel&gt; · café ünïcödé 中文 \u2028 \u2029 \ufeff")]
    [InlineData("emoji \U0001F600\U0001F680 at the end \U0001F600")]
    [InlineData("\U0001F600")]
    public void WriteValue_Text_MatchesTheWritersOwnEscaping(string value) =>
        Assert.Equal(Writers(value), Ours(value));

    [Fact]
    public void WriteValue_RandomTexts_MatchTheWritersOwnEscaping()
    {
        var random = new Random(20261127);
        char[] alphabet = ['a', 'Z', ' ', '"', '\\', '\n', '\u0001', '<', '&', '\u00e9', '\u00b7', '\u4e2d', '\u2028', '\uffff', '\ud83d', '\ude00'];
        for (var i = 0; i < 2000; i++)
        {
            var length = random.Next(0, 120);
            var text = new StringBuilder(length);
            for (var j = 0; j < length; j++)
            {
                // Surrogates only in valid pairs: alerts never hold lone ones once read from JSON.
                var c = alphabet[random.Next(alphabet.Length - 2)];
                if (random.Next(10) == 0)
                {
                    text.Append('\ud83d').Append('\ude00');
                }
                else
                {
                    text.Append(c);
                }
            }

            var value = text.ToString();
            Assert.Equal(Writers(value), Ours(value));
        }
    }

    [Fact]
    public void WriteValue_EveryCharacterOfTheBasicPlane_MatchesTheWritersOwnEscaping()
    {
        var differ = new List<string>();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            var value = "a" + (char)c + "\u00e9" + (char)c;
            if (c is < 0xD800 or > 0xDFFF && Writers(value) != Ours(value))
            {
                differ.Add($"U+{c:X4}");
            }
        }

        Assert.Empty(differ);
    }

    [Fact]
    public void WriteValue_LongText_IsValidJsonOfTheSameText()
    {
        var value = string.Concat(Enumerable.Repeat("line\n\"q\" \U0001F600 é ", 400));

        using var doc = JsonDocument.Parse(Ours(value));

        Assert.Equal(value, doc.RootElement.GetString());
    }
}
