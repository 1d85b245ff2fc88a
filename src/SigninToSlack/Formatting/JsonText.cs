using System.Buffers;
using System.Text.Encodings.Web;
using System.Text;

namespace SigninToSlack.Formatting;

/// <summary>
/// Escapes a text as a JSON string, byte for byte as System.Text.Json's writer does with the relaxed encoder:
/// runs of plain ASCII are copied as they are, JSON's short escapes written directly, and every other run goes
/// through the encoder itself. Alert texts are mostly plain ASCII with a newline or two.
/// </summary>
internal static class JsonText
{
    /// <summary>The encoder, made at its first use: most texts never need it, and making it costs a cold start.</summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    // Printable ASCII except the quote and the backslash: what JSON carries unescaped.
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>The most bytes <see cref="Escape"/> writes for a text: six (\uXXXX) per UTF-16 unit, and the quotes.</summary>
    public static int MaxLength(int textLength) => (textLength * 6) + 2;

    /// <summary>Writes <paramref name="value"/> as a quoted JSON string, escaped exactly as the relaxed encoder would; returns the bytes written.</summary>
    public static int Escape(ReadOnlySpan<char> value, Span<byte> output)
    {
        Span<byte> utf8 = stackalloc byte[96];
        var at = 0;
        output[at++] = (byte)'"';
        while (!value.IsEmpty)
        {
            var plain = value.IndexOfAnyExcept(Plain);
            if (plain < 0)
            {
                plain = value.Length;
            }

            at += Encoding.ASCII.GetBytes(value[..plain], output[at..]);
            value = value[plain..];
            if (value.IsEmpty)
            {
                break;
            }

            // JSON's own short escapes, as the encoder writes them, without a call into it.
            var shortEscape = value[0] switch
            {
                '\n' => (byte)'n',
                '\r' => (byte)'r',
                '\t' => (byte)'t',
                '"' => (byte)'"',
                '\\' => (byte)'\\',
                _ => (byte)0,
            };
            if (shortEscape != 0)
            {
                output[at++] = (byte)'\\';
                output[at++] = shortEscape;
                value = value[1..];
                continue;
            }

            // Latin-1 letters and signs (the alert's own middle dot, é, ü) as two UTF-8 bytes, as the encoder writes
            // them; it escapes the no-break space and the soft hyphen, which take the encoder's path below.
            if (value[0] is >= '\u00A1' and <= '\u00FF' and not '\u00AD')
            {
                output[at++] = (byte)(0xC0 | (value[0] >> 6));
                output[at++] = (byte)(0x80 | (value[0] & 0x3F));
                value = value[1..];
                continue;
            }

            // The run to escape, cut so that its UTF-8 fits the scratch buffer without splitting a surrogate pair.
            var run = value.IndexOfAny(Plain);
            if (run < 0)
            {
                run = value.Length;
            }

            run = Math.Min(run, 32);
            if (run < value.Length && char.IsHighSurrogate(value[run - 1]) && run > 1)
            {
                run--;
            }

            var bytes = Encoding.UTF8.GetBytes(value[..run], utf8);
            Encoder.EncodeUtf8(utf8[..bytes], output[at..], out _, out var written);
            at += written;
            value = value[run..];
        }

        output[at++] = (byte)'"';
        return at;
    }
}
