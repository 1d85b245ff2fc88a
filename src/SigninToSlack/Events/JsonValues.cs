using System.Buffers;
using System.Text.Json;
using System.Text;

namespace SigninToSlack.Events;

/// <summary>Small, allocation-aware helpers over <see cref="Utf8JsonReader"/> for reading events leniently.</summary>
internal static class JsonValues
{
    public static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>A property name compared without regard to ASCII case: AWS varies the casing of some names.</summary>
    public static bool NameIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.ValueIsEscaped || reader.HasValueSequence
            ? string.Equals(Unescaped(ref reader), Encoding.UTF8.GetString(name), StringComparison.OrdinalIgnoreCase)
            : Ascii.EqualsIgnoreCase(reader.ValueSpan, name);

    /// <summary>The current value as text: strings as they are, numbers and booleans as written, objects and arrays skipped as null.</summary>
    public static string? Text(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return Unescaped(ref reader);
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The string value; text that is not valid UTF-8 or UTF-16 (a lone surrogate escape) is kept as written,
    /// with U+FFFD for bytes that are not UTF-8, rather than costing the alert.
    /// </summary>
    public static string Unescaped(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        }
    }

    /// <summary>The current string value if it is one of <paramref name="known"/> (the same instance, no allocation), else as <see cref="Text"/>.</summary>
    public static string? Known(ref Utf8JsonReader reader, string[] known)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var value = reader.ValueSpan;
            foreach (var candidate in known)
            {
                if (candidate.Length == value.Length && Ascii.Equals(value, candidate))
                {
                    return candidate;
                }
            }
        }

        return Text(ref reader);
    }

    /// <summary>The value at a token start remembered earlier, read as <see cref="Text"/>; null when none was remembered.</summary>
    public static string? TextAt(ReadOnlySpan<byte> json, int tokenStart)
    {
        if (tokenStart < 0)
        {
            return null;
        }

        var reader = new Utf8JsonReader(json[tokenStart..], ReaderOptions);
        return reader.Read() ? Text(ref reader) : null;
    }

    /// <summary>Success or Failure, compared without regard to case.</summary>
    public static RecordedOutcome Outcome(ref readonly Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return RecordedOutcome.Other;
        }

        var value = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        return Ascii.EqualsIgnoreCase(value, "Success"u8) ? RecordedOutcome.Success
            : Ascii.EqualsIgnoreCase(value, "Failure"u8) ? RecordedOutcome.Failure
            : RecordedOutcome.Other;
    }

    /// <summary>The reader's position, without the message text of a JSON error (it may quote the input).</summary>
    /// <summary>
    /// The current string token unescaped straight to UTF-8 (an event carried as a string in its envelope); null when
    /// it is no text at all, as an escape such as \ud800 with no pair is.
    /// </summary>
    public static byte[]? Utf8(ref Utf8JsonReader reader)
    {
        var buffer = new byte[reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length];
        try
        {
            var length = reader.CopyString(buffer);
            return length == buffer.Length ? buffer : buffer[..length];
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static string Describe(JsonException ex) =>
        ex.LineNumber is { } line
            ? $"malformed at line {line + 1}, byte {ex.BytePositionInLine + 1}"
            : "malformed";
}
