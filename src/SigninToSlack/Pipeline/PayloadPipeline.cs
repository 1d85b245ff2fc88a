using System.Buffers;
using SigninToSlack.Alerts;
using SigninToSlack.Events;
using SigninToSlack.Slack;

namespace SigninToSlack.Pipeline;

/// <summary>The synchronous heart of the pipeline: event bytes in, Slack payload bytes out, no I/O.</summary>
internal static class PayloadPipeline
{
    /// <summary>Reads one event (or bare CloudTrail record), classifies it, and on a sign-in appends its payload to <paramref name="output"/>.</summary>
    /// <exception cref="EventFormatException">The event cannot be read.</exception>
    public static Classification Write(ReadOnlySpan<byte> eventJson, IBufferWriter<byte> output, bool bareRecord = false)
    {
        var record = SigninEventReader.Read(eventJson, bareRecord);
        if (bareRecord)
        {
            record = BareRecord.Envelope(record);
        }

        var classification = AlertClassifier.Classify(in record);
        if (classification.Alert is { } alert)
        {
            SlackPayload.Write(alert, output);
        }

        return classification;
    }

    /// <summary>Writes the payload of every sign-in in an EventBridge event or SNS notification; returns the bytes written.</summary>
    public static int WriteAll(ReadOnlySpan<byte> input, ArrayBufferWriter<byte> output)
    {
        var start = output.WrittenCount;
        if (EnvelopeDetector.Detect(input) == EnvelopeKind.Sns)
        {
            foreach (var message in SnsReader.Read(input))
            {
                if (message.Body is { } body)
                {
                    Write(body, output);
                }
            }
        }
        else
        {
            Write(input, output);
        }

        return output.WrittenCount - start;
    }
}
