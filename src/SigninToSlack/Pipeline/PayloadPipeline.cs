using System.Buffers;
using SigninToSlack.Alerts;
using SigninToSlack.Events;
using SigninToSlack.Policy;
using SigninToSlack.Slack;

namespace SigninToSlack.Pipeline;

/// <summary>The synchronous heart of the pipeline: event bytes in, Slack payload bytes out, no I/O.</summary>
internal static class PayloadPipeline
{
    /// <summary>Reads one event (or bare CloudTrail record), classifies it, and skips it when the policy silences it.</summary>
    /// <exception cref="EventFormatException">The event cannot be read.</exception>
    public static Classification Classify(ReadOnlySpan<byte> eventJson, AlertPolicy policy, bool bareRecord = false)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var record = SigninEventReader.Read(eventJson, bareRecord);
        if (bareRecord)
        {
            record = BareRecord.Envelope(record);
        }

        var classification = AlertClassifier.Classify(in record);
        return classification.Alert is { } alert && policy.SkipReason(alert) is { } rule
            ? Classification.Skip(rule, classification.EventId)
            : classification;
    }

    /// <summary>Classifies one event under the policy (the default one when null) and on an alert appends its payload to <paramref name="output"/>.</summary>
    /// <exception cref="EventFormatException">The event cannot be read.</exception>
    public static Classification Write(ReadOnlySpan<byte> eventJson, IBufferWriter<byte> output, bool bareRecord = false, AlertPolicy? policy = null)
    {
        policy ??= AlertPolicy.Default;
        var classification = Classify(eventJson, policy, bareRecord);
        if (classification.Alert is { } alert)
        {
            SlackFormatter.Write(policy.WithContext(alert, null), output);
        }

        return classification;
    }

    /// <summary>Writes the payload of every sign-in in an EventBridge event or SNS notification; returns the bytes written.</summary>
    public static int WriteAll(ReadOnlySpan<byte> input, ArrayBufferWriter<byte> output, AlertPolicy? policy = null)
    {
        var start = output.WrittenCount;
        if (EnvelopeDetector.Detect(input) == EnvelopeKind.Sns)
        {
            foreach (var message in SnsReader.Read(input))
            {
                if (message.Body is { } body)
                {
                    Write(body, output, policy: policy);
                }
            }
        }
        else
        {
            Write(input, output, policy: policy);
        }

        return output.WrittenCount - start;
    }
}
