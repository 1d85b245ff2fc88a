using System.Buffers;
using SigninToSlack.Alerts;
using SigninToSlack.Events;
using SigninToSlack.Formatting;
using SigninToSlack.Policy;
using SigninToSlack.Configuration;
using SigninToSlack.Processing;

namespace SigninToSlack.Benchmarks;

/// <summary>The per-event path without I/O, as the benchmarks measure it: event bytes in, Slack payload bytes out.</summary>
internal static class PayloadPipeline
{
    private static readonly AlertPolicy DefaultPolicy = new(PolicySettings.Default);

    /// <summary>Classifies one event under the policy (the default one when null) and on an alert appends its payload to <paramref name="output"/>.</summary>
    /// <exception cref="EventFormatException">The event cannot be read.</exception>
    public static Classification Write(ReadOnlySpan<byte> eventJson, IBufferWriter<byte> output, bool bareRecord = false, AlertPolicy? policy = null)
    {
        policy ??= DefaultPolicy;
        var classification = SigninProcessor.Decide(eventJson, policy, bareRecord);
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
