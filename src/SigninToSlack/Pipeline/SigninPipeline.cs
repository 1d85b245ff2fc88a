using System.Buffers;
using SigninToSlack.Events;
using SigninToSlack.Policy;
using SigninToSlack.Slack;

namespace SigninToSlack.Pipeline;

/// <summary>The one path every entry point feeds: event bytes → alert → policy → Slack payload → destinations.</summary>
internal sealed class SigninPipeline(AlertPolicy policy, IAlertDelivery delivery)
{
    /// <summary>The default policy, every alert to one sink.</summary>
    public SigninPipeline(IPayloadSink sink)
        : this(AlertPolicy.Default, SlackDelivery.To(sink))
    {
    }

    /// <param name="eventJson">An EventBridge event, or with <paramref name="bareRecord"/> a CloudTrail record.</param>
    /// <exception cref="EventFormatException">The event claims to be a sign-in but cannot be read as one.</exception>
    public async Task<EventOutcome> ProcessAsync(ReadOnlyMemory<byte> eventJson, bool bareRecord, CancellationToken cancellationToken)
    {
        var classification = PayloadPipeline.Classify(eventJson.Span, policy, bareRecord);
        if (classification.Alert is not { } alert)
        {
            return EventOutcome.Skipped(classification.EventId, classification.SkipReason!);
        }

        string? problem = null;
        string? memberId = null;
        var person = policy.Person(alert);
        if (person is not null)
        {
            (memberId, problem) = await delivery.MemberIdAsync(person, cancellationToken);
        }

        alert = policy.WithContext(alert, memberId);
        var payload = new ArrayBufferWriter<byte>(2048);
        SlackFormatter.Write(alert, payload);
        var report = await delivery.DeliverAsync(alert, person, payload.WrittenMemory, cancellationToken);
        if (problem is not null)
        {
            report = report with { Note = report.Note is null ? problem : $"{problem}; {report.Note}" };
        }

        return report.Failure is { } failure
            ? EventOutcome.Failed(classification.EventId, alert, failure, report)
            : EventOutcome.Delivered(classification.EventId, alert, report);
    }
}
