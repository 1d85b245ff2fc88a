using System.Text.Json;

namespace SigninToSlack.Events;

/// <summary>
/// Tells an EventBridge event, an SNS notification and a bare CloudTrail record apart by their top-level names.
/// It reads as the readers it hands over to do (<see cref="JsonValues.ReaderOptions"/>: comments and trailing commas
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
                    return EnvelopeKind.Sns;
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
}

/// <summary>What wraps a sign-in record in an input document.</summary>
internal enum EnvelopeKind
{
    Unknown,
    EventBridge,
    Sns,
    CloudTrailRecord,
}
