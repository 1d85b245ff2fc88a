using System.Text.Json;

namespace SigninToSlack.Events;

/// <summary>
/// Reads a batch from an SQS event source mapping (<c>Records[].messageId</c> and <c>Records[].body</c>), matching
/// names without regard to case, and unescaping each body straight to UTF-8. A record it cannot use is kept, with the
/// problem, so that the batch can name it as failed.
/// </summary>
internal static class SqsReader
{
    /// <exception cref="EventFormatException">The input is not an SQS batch with at least one record.</exception>
    public static IReadOnlyList<SqsMessage> Read(ReadOnlySpan<byte> json) =>
        EnvelopeMessage.Records(json, "SQS batch", (ref Utf8JsonReader reader) =>
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                return ReadRecord(ref reader);
            }

            reader.Skip();
            return new SqsMessage(null, null) { Problem = "is not a JSON object" };
        });

    private static SqsMessage ReadRecord(ref Utf8JsonReader reader)
    {
        var (id, body, notText, sns) = EnvelopeMessage.Read(ref reader, "messageId"u8, "body"u8, "Sns"u8);
        if (sns)
        {
            throw new EventFormatException("received an SNS notification, but SIGNIN_HANDLER is Sqs: set SIGNIN_HANDLER=Sns for a function subscribed to an SNS topic");
        }

        return new SqsMessage(id, body)
        {
            Problem = body is not null ? null : notText ? "has a body that is not valid text (an unpaired surrogate escape)" : "has no body",
        };
    }
}

/// <summary>One SQS record: its message ID (what the batch response names) and its body, the EventBridge event as UTF-8 JSON.</summary>
internal sealed record SqsMessage(string? MessageId, byte[]? Body)
{
    /// <summary>Why <see cref="Body"/> is null, e.g. "has no body".</summary>
    public string? Problem { get; init; }
}
