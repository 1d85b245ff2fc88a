using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SigninToSlack.Slack;

/// <summary>
/// Writes a JSON string property whose text is mostly plain ASCII. Runs of plain ASCII are copied as they are;
/// every other run goes through the same relaxed encoder the writer would use, so the bytes are the writer's own.
/// Letting <see cref="Utf8JsonWriter"/> escape a text that holds one newline sends the rest of it through its
/// slow per-character path; alert texts have several.
/// </summary>
internal static class JsonText
{
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    // Printable ASCII except the quote and the backslash: what JSON carries unescaped.
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    public static void Write(Utf8JsonWriter json, ReadOnlySpan<byte> propertyName, ReadOnlySpan<char> value)
    {
        json.WritePropertyName(propertyName);
        WriteValue(json, value);
    }

    public static void WriteValue(Utf8JsonWriter json, ReadOnlySpan<char> value)
    {
        // At most six bytes (\uXXXX) per UTF-16 unit, and the quotes.
        var size = (value.Length * 6) + 2;
        byte[]? rented = null;
        var buffer = size <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            var length = Escape(value, buffer);
            json.WriteRawValue(buffer[..length], skipInputValidation: true);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int Escape(ReadOnlySpan<char> value, Span<byte> output)
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
