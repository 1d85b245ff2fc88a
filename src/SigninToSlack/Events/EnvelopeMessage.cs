using System.Text.Json;

namespace SigninToSlack.Events;

/// <summary>
/// One message object of an envelope (an SNS record's <c>Sns</c>, an SQS record): its ID, and its body, an event
/// carried as a JSON string, unescaped straight to UTF-8. Names are matched without regard to case.
/// </summary>
internal static class EnvelopeMessage
{
    /// <summary>Reads one element of <c>Records</c>, whatever its token, leaving the reader at its end.</summary>
    internal delegate T RecordReader<T>(ref Utf8JsonReader reader);

    /// <summary>Every element of the document's top-level <c>Records</c> array, each read by <paramref name="read"/>.</summary>
    /// <param name="what">The envelope, for messages: "SNS notification", "SQS batch".</param>
    /// <exception cref="EventFormatException">The input is not a JSON object with at least one record.</exception>
    public static List<T> Records<T>(ReadOnlySpan<byte> json, string what, RecordReader<T> read)
    {
        var records = new List<T>(1);
        var reader = new Utf8JsonReader(json, JsonValues.ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new EventFormatException($"{what} is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isRecords = JsonValues.NameIs(ref reader, "Records"u8);
                reader.Read();
                if (!isRecords || reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    records.Add(read(ref reader));
                }
            }
        }
        catch (JsonException ex)
        {
            throw new EventFormatException($"{what} is not valid JSON: {JsonValues.Describe(ex)}", ex);
        }

        return records.Count > 0 ? records : throw new EventFormatException($"{what} has no records");
    }

    /// <param name="reader">At the message object's start; left at its end.</param>
    /// <param name="foreignName">A name that says the message is of another envelope; empty for none.</param>
    public static Fields Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> idName, ReadOnlySpan<byte> bodyName, ReadOnlySpan<byte> foreignName = default)
    {
        var fields = default(Fields);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!foreignName.IsEmpty && JsonValues.NameIs(ref reader, foreignName))
            {
                fields = fields with { Foreign = true };
            }

            var isBody = JsonValues.NameIs(ref reader, bodyName);
            var isId = !isBody && JsonValues.NameIs(ref reader, idName);
            reader.Read();
            if (isBody && reader.TokenType == JsonTokenType.String)
            {
                // An escape such as \ud800 with no pair is no text at all: this message fails, the others are read.
                var body = JsonValues.Utf8(ref reader);
                fields = fields with { Body = body, BodyNotText = body is null };
            }
            else if (isId)
            {
                fields = fields with { Id = JsonValues.Text(ref reader) };
            }
            else
            {
                reader.Skip();
            }
        }

        return fields;
    }

    /// <summary>What a message object holds; <see cref="BodyNotText"/> when its body is a string that is no text.</summary>
    internal readonly record struct Fields(string? Id, byte[]? Body, bool BodyNotText, bool Foreign);
}
