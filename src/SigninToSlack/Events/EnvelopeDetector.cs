using System.Text.Json;

namespace SigninToSlack.Events;

/// <summary>
/// Tells an EventBridge event, an SNS notification, an SQS batch and a bare CloudTrail record apart by their top-level
/// names and, for <c>Records</c>, by the first record that says which it is. It reads as the readers it hands over to do (<see cref="JsonValues.ReaderOptions"/>: comments and trailing commas
/// allowed; names matched without regard to case), so that whatever it recognises, they can read.
/// </summary>
internal static class EnvelopeDetector
{
    /// <exception cref="EventFormatException">The input is not a JSON object.</exception>
    public static EnvelopeKind Detect(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, JsonValues.ReaderOptions);
        bool hasEventName = false, hasUserIdentity = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new EventFormatException("input is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // An envelope's own names decide at once; a bare record needs the whole object.
                if (JsonValues.NameIs(ref reader, "detail-type"u8) || JsonValues.NameIs(ref reader, "detail"u8))
                {
                    return EnvelopeKind.EventBridge;
                }

                if (JsonValues.NameIs(ref reader, "Records"u8))
                {
                    reader.Read();
                    return RecordsKind(ref reader);
                }
                else if (JsonValues.NameIs(ref reader, "eventName"u8))
                {
                    hasEventName = true;
                }
                else if (JsonValues.NameIs(ref reader, "userIdentity"u8) || JsonValues.NameIs(ref reader, "eventSource"u8))
                {
                    hasUserIdentity = true;
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException ex)
        {
            throw new EventFormatException("input is not valid JSON: " + JsonValues.Describe(ex), ex);
        }

        return hasEventName && hasUserIdentity ? EnvelopeKind.CloudTrailRecord : EnvelopeKind.Unknown;
    }

    /// <summary>
    /// SQS when the first record that tells has <c>eventSource</c> <c>aws:sqs</c>, or a <c>body</c> and no <c>Sns</c>;
    /// otherwise SNS, as before SQS was told apart, so that the SNS reader names what is missing.
    /// </summary>
    private static EnvelopeKind RecordsKind(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return EnvelopeKind.Sns;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            if (RecordKind(ref reader) is { } kind)
            {
                return kind;
            }
        }

        return EnvelopeKind.Sns;
    }

    /// <summary>What one record says it is, or null when it says nothing; leaves the reader at the record's end.</summary>
    private static EnvelopeKind? RecordKind(ref Utf8JsonReader reader)
    {
        bool sqsSource = false, snsSource = false, hasSns = false, hasBody = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSource = JsonValues.NameIs(ref reader, "eventSource"u8);
            hasSns |= JsonValues.NameIs(ref reader, "Sns"u8);
            hasBody |= JsonValues.NameIs(ref reader, "body"u8);
            reader.Read();
            if (isSource && reader.TokenType == JsonTokenType.String)
            {
                var source = JsonValues.Unescaped(ref reader);
                sqsSource |= string.Equals(source, "aws:sqs", StringComparison.OrdinalIgnoreCase);
                snsSource |= string.Equals(source, "aws:sns", StringComparison.OrdinalIgnoreCase);
            }
            else
            {
                reader.Skip();
            }
        }

        return sqsSource ? EnvelopeKind.Sqs
            : hasSns || snsSource ? EnvelopeKind.Sns
            : hasBody ? EnvelopeKind.Sqs
            : null;
    }
}

/// <summary>What wraps a sign-in record in an input document.</summary>
internal enum EnvelopeKind
{
    Unknown,
    EventBridge,
    Sns,
    Sqs,
    CloudTrailRecord,
}
