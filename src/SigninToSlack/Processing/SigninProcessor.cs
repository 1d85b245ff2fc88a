using System.Buffers;
using SigninToSlack.Alerts;
using SigninToSlack.Delivery;
using SigninToSlack.Events;
using SigninToSlack.Formatting;
using SigninToSlack.Policy;

namespace SigninToSlack.Processing;

/// <summary>The one path every entry point feeds: event bytes → alert → policy → Slack payload → destinations.</summary>
internal sealed class SigninProcessor(AlertPolicy policy, IAlertDelivery delivery)
{
    /// <param name="eventJson">An EventBridge event, or with <paramref name="bareRecord"/> a CloudTrail record.</param>
    /// <param name="deadline">When <paramref name="cancellationToken"/> will fire: the invocation's deadline.</param>
    /// <exception cref="EventFormatException">The event claims to be a sign-in but cannot be read as one.</exception>
    public async Task<EventOutcome> ProcessAsync(ReadOnlyMemory<byte> eventJson, bool bareRecord, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var classification = Decide(eventJson.Span, policy, bareRecord);
        if (classification.Alert is not { } alert)
        {
            return EventOutcome.Skipped(classification.EventId, classification.SkipReason!);
        }

        // Only what is known at once is mentioned: the channels never wait for an e-mail lookup (the DM does).
        var person = policy.Person(alert);
        var (memberId, problem) = person is null ? default : delivery.MemberId(person);

        alert = policy.WithContext(alert, memberId);
        var payload = new ArrayBufferWriter<byte>(2048);
        SlackFormatter.Write(alert, payload);
        var report = await delivery.DeliverAsync(alert, person, payload.WrittenMemory, deadline, cancellationToken);
        if (problem is not null)
        {
            report = report with { Note = report.Note is null ? problem : $"{problem}; {report.Note}" };
        }

        return report.Failure is { } failure
            ? EventOutcome.Failed(classification.EventId, alert, failure, report)
            : EventOutcome.Delivered(classification.EventId, alert, report);
    }

    /// <summary>
    /// The synchronous, I/O-free part: reads one event (or bare CloudTrail record), decides what it means, and
    /// skips it when the policy silences it.
    /// </summary>
    /// <exception cref="EventFormatException">The event cannot be read.</exception>
    public static Classification Decide(ReadOnlySpan<byte> eventJson, AlertPolicy policy, bool bareRecord = false)
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
}
