using System.Buffers;
using SigninToSlack.Alerts;
using SigninToSlack.Configuration;
using SigninToSlack.Delivery;
using SigninToSlack.Events;
using SigninToSlack.Formatting;
using SigninToSlack.Policy;

namespace SigninToSlack.Processing;

/// <summary>The one path every entry point feeds: event bytes → alert → policy → Slack payload → destinations.</summary>
/// <param name="links">The "That wasn't me" links' minter; null: no alert carries one.</param>
internal sealed class SigninProcessor(AlertPolicy policy, IAlertDelivery delivery, ResponseLinkMinter? links = null)
{
    /// <param name="eventJson">An EventBridge event, or with <paramref name="bareRecord"/> a CloudTrail record.</param>
    /// <param name="deadline">When <paramref name="cancellationToken"/> will fire: the invocation's deadline.</param>
    /// <exception cref="EventFormatException">The event claims to be a sign-in but cannot be read as one.</exception>
    public async Task<EventOutcome> ProcessAsync(ReadOnlyMemory<byte> eventJson, bool bareRecord, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var classification = Decide(eventJson.Span, policy, bareRecord, ReadsUserArns);
        return classification.Alert is { } alert
            ? await SendAsync(alert, classification.EventId, deadline, cancellationToken)
            : EventOutcome.Skipped(classification.EventId, classification.SkipReason!);
    }

    /// <summary>The policy every event of this processor is decided by.</summary>
    public AlertPolicy Policy => policy;

    /// <summary>Whether events are read with a named IAM user's ARN: for the links, or for a rule that names a user by ARN.</summary>
    public bool ReadsUserArns => links is not null || policy.MatchesUserArns;

    /// <summary>Formats one alert that the policy let through and delivers it: its channels, the mention and the person's DM.</summary>
    /// <remarks>With SIGNIN_RESPOND_URL and SIGNIN_LINK_KEY set, a sign-in the Respond function can act on also carries the "That wasn't me" link.</remarks>
    /// <exception cref="OperationCanceledException">The caller's cancellation, once what was delivered is remembered.</exception>
    public Task<EventOutcome> SendAsync(SigninAlert alert, string? eventId, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);

        // Only what is known at once is mentioned: the channels never wait for an e-mail lookup (the DM does).
        var person = policy.Person(alert);
        var (memberId, problem) = person is null ? default : delivery.MemberId(person);
        alert = policy.WithContext(alert, memberId);

        // Without links, nothing is read or minted, and no more is kept across the post than before.
        return links is null
            ? OutcomeAsync(delivery.DeliverAsync(alert, person, Format(alert, null), deadline, cancellationToken), alert, eventId, problem)
            : SendWithLinksAsync(links, alert, person, problem, eventId, deadline, cancellationToken);
    }

    /// <summary>Mints the alert's links, then delivers it with them; without them (and with a note) when they cannot be made.</summary>
    private async Task<EventOutcome> SendWithLinksAsync(
        ResponseLinkMinter minter, SigninAlert alert, SlackPerson? person, string? problem, string? eventId, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var minted = await minter.MintAsync(alert, cancellationToken);
        return await OutcomeAsync(
            delivery.DeliverAsync(alert, person, Format(alert, minted.Links), deadline, cancellationToken), alert, eventId, Join(problem, minted.Note));
    }

    private static ReadOnlyMemory<byte> Format(SigninAlert alert, ResponseLinks? links)
    {
        var payload = new ArrayBufferWriter<byte>(2048);
        SlackFormatter.Write(alert, payload, links);
        return payload.WrittenMemory;
    }

    /// <param name="problem">What to log beside the delivery's own note: a person who cannot be mentioned, a link not made.</param>
    private static async Task<EventOutcome> OutcomeAsync(Task<DeliveryReport> delivering, SigninAlert alert, string? eventId, string? problem)
    {
        var report = await delivering;
        if (problem is not null)
        {
            report = report with { Note = Join(problem, report.Note) };
        }

        return report.Failure is { } failure
            ? EventOutcome.Failed(eventId, alert, failure, report)
            : EventOutcome.Delivered(eventId, alert, report);
    }

    private static string? Join(string? first, string? second) => first is null ? second : second is null ? first : $"{first}; {second}";

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
    /// <param name="keepArn">Read the principal's ARN even where the alert does not show it (<see cref="ReadsUserArns"/>).</param>
    /// <exception cref="EventFormatException">The event cannot be read.</exception>
    public static Classification Decide(ReadOnlySpan<byte> eventJson, AlertPolicy policy, bool bareRecord = false, bool keepArn = false)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var classification = Read(eventJson, bareRecord, keepArn);
        return classification.Alert is { } alert && policy.SkipReason(alert) is { } rule
            ? Classification.Skip(rule, classification.EventId)
            : classification;
    }

    /// <summary>Reads one event and decides what it means, before any policy: what <see cref="Decide"/> starts from.</summary>
    /// <exception cref="EventFormatException">The event cannot be read.</exception>
    /// <param name="keepArn">Read the principal's ARN even where the alert does not show it (<see cref="ReadsUserArns"/>).</param>
    public static Classification Read(ReadOnlySpan<byte> eventJson, bool bareRecord = false, bool keepArn = false)
    {
        var record = SigninEventReader.Read(eventJson, bareRecord, keepArn);
        if (bareRecord)
        {
            record = BareRecord.Envelope(record);
        }

        return AlertClassifier.Classify(in record);
    }
}
