using System.Text.Json;

namespace SigninToSlack.Events;

/// <summary>
/// Reads an SNS notification to Lambda (<c>Records[].Sns.Message</c>), matching names without regard to case
/// as deliveries vary them, and unescaping each message straight to UTF-8.
/// </summary>
internal static class SnsReader
{
    /// <exception cref="EventFormatException">The input is not an SNS notification with at least one record.</exception>
    public static IReadOnlyList<SnsMessage> Read(ReadOnlySpan<byte> json) =>
        EnvelopeMessage.Records(json, "SNS notification", (ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.StartObject ? ReadRecord(ref reader) : Skipped(ref reader));

    private static SnsMessage Skipped(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return new SnsMessage(null, null);
    }

    private static SnsMessage ReadRecord(ref Utf8JsonReader reader)
    {
        var message = new SnsMessage(null, null);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSns = JsonValues.NameIs(ref reader, "Sns"u8);
            reader.Read();
            if (isSns && reader.TokenType == JsonTokenType.StartObject)
            {
                message = ReadSns(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return message;
    }

    private static SnsMessage ReadSns(ref Utf8JsonReader reader)
    {
        var (id, body, notText, _) = EnvelopeMessage.Read(ref reader, "MessageId"u8, "Message"u8);
        return new SnsMessage(id, body) { Problem = notText ? "has a Message that is not valid text (an unpaired surrogate escape)" : null };
    }
}

/// <summary>One SNS record's message: the EventBridge event as UTF-8 JSON, or null when the record has none.</summary>
internal sealed record SnsMessage(string? MessageId, byte[]? Body)
{
    /// <summary>Why <see cref="Body"/> is null though the record has a Message, e.g. "has a Message that is not valid text (...)".</summary>
    public string? Problem { get; init; }
}
