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
        return classification.Alert is { } alert
            ? await SendAsync(alert, classification.EventId, deadline, cancellationToken)
            : EventOutcome.Skipped(classification.EventId, classification.SkipReason!);
    }

    /// <summary>The policy every event of this processor is decided by.</summary>
    public AlertPolicy Policy => policy;

    /// <summary>Formats one alert that the policy let through and delivers it: its channels, the mention and the person's DM.</summary>
    /// <exception cref="OperationCanceledException">The caller's cancellation, once what was delivered is remembered.</exception>
    public async Task<EventOutcome> SendAsync(SigninAlert alert, string? eventId, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);

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
            ? EventOutcome.Failed(eventId, alert, failure, report)
            : EventOutcome.Delivered(eventId, alert, report);
    }

    /// <summary>
    /// Formats a burst summary and delivers it where its severity and account route it; no one is mentioned or sent a
    /// DM, as a failed sign-in's name is whatever was typed. The summary's ID stands for its events in the ledger.
    /// </summary>
    /// <exception cref="OperationCanceledException">The caller's cancellation, once what was delivered is remembered.</exception>
    public async Task<EventOutcome> SendAsync(BurstSummary burst, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(burst);
        var accountName = policy.WithContext(burst.Members[0], null).Context?.AccountName;
        burst = accountName is null ? burst : burst with { Context = new AlertContext(AccountName: accountName) };
        var alert = burst.AsAlert();
        var payload = new ArrayBufferWriter<byte>(4096);
        BurstFormatter.Write(burst, payload);
        var report = await delivery.DeliverAsync(alert, null, payload.WrittenMemory, deadline, cancellationToken);
        var outcome = report.Failure is { } failure
            ? EventOutcome.Failed(burst.Id, alert, failure, report)
            : EventOutcome.Delivered(burst.Id, alert, report);
        return outcome with { Sentence = BurstText.PlainSentence(burst) };
    }

    /// <summary>
    /// The synchronous, I/O-free part: reads one event (or bare CloudTrail record), decides what it means, and
    /// skips it when the policy silences it.
    /// </summary>
    /// <exception cref="EventFormatException">The event cannot be read.</exception>
    public static Classification Decide(ReadOnlySpan<byte> eventJson, AlertPolicy policy, bool bareRecord = false)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var classification = Read(eventJson, bareRecord);
        return classification.Alert is { } alert && policy.SkipReason(alert) is { } rule
            ? Classification.Skip(rule, classification.EventId)
            : classification;
    }

    /// <summary>Reads one event and decides what it means, before any policy: what <see cref="Decide"/> starts from.</summary>
    /// <exception cref="EventFormatException">The event cannot be read.</exception>
    public static Classification Read(ReadOnlySpan<byte> eventJson, bool bareRecord = false)
    {
        var record = SigninEventReader.Read(eventJson, bareRecord);
        if (bareRecord)
        {
            record = BareRecord.Envelope(record);
        }

        return AlertClassifier.Classify(in record);
    }
}
