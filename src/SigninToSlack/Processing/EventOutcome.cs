using SigninToSlack.Alerts;
using SigninToSlack.Delivery;

namespace SigninToSlack.Processing;

/// <summary>
/// What became of one event: delivered (with its alert), skipped (with the reason), folded into a burst summary
/// (with the summary's ID as reason) or failed (with the error). A burst summary has an outcome of its own.
/// </summary>
/// <param name="Delivery">Where the alert went and any problem to log, once it was sent.</param>
internal sealed record EventOutcome(OutcomeKind Kind, string? EventId, SigninAlert? Alert = null, string? Reason = null, DeliveryReport? Delivery = null)
{
    public static EventOutcome Delivered(string? eventId, SigninAlert alert, DeliveryReport? delivery = null) => new(OutcomeKind.Delivered, eventId, alert, Delivery: delivery);

    public static EventOutcome Skipped(string? eventId, string reason) => new(OutcomeKind.Skipped, eventId, Reason: reason);

    public static EventOutcome Failed(string? eventId, SigninAlert? alert, string reason, DeliveryReport? delivery = null) => new(OutcomeKind.Failed, eventId, alert, reason, delivery);

    /// <summary>An event told inside the burst summary <paramref name="summaryId"/> rather than on its own.</summary>
    public static EventOutcome Folded(string? eventId, SigninAlert alert, string summaryId) => new(OutcomeKind.Folded, eventId, alert, summaryId);

    /// <summary>The sentence the log line tells in place of the alert's own (a burst summary's); null for the alert's.</summary>
    public string? Sentence { get; init; }

    /// <summary>One human line: the severity and what happened, or why it was skipped or failed.</summary>
    public string Describe() => Kind switch
    {
        OutcomeKind.Skipped => $"skipped: {Reason} (event {EventId ?? "without id"})",
        OutcomeKind.Failed when Alert is not null => $"{AlertText.SeverityWord(Alert.Severity)} {Sentence ?? AlertText.PlainSentence(Alert)} - NOT DELIVERED: {Reason}",
        OutcomeKind.Failed => $"failed: {Reason} (event {EventId ?? "without id"})",
        OutcomeKind.Folded => $"folded into {Reason}: {AlertText.SeverityWord(Alert!.Severity)} {AlertText.PlainSentence(Alert)} (event {EventId ?? "without id"})",
        _ => $"{AlertText.SeverityWord(Alert!.Severity)} {Sentence ?? AlertText.PlainSentence(Alert)}{Repeated()}",
    };

    /// <summary>Says so when an earlier invocation had made some of the posts: they were not made again.</summary>
    private string Repeated() => Delivery is { Duplicates: > 0 and var n }
        ? $" (already posted by an earlier invocation: {n} {(n == 1 ? "post" : "posts")} not made again)"
        : string.Empty;
}

/// <summary>What became of one event.</summary>
internal enum OutcomeKind
{
    Delivered,
    Skipped,
    Failed,

    /// <summary>Told inside a burst summary, whose own outcome says whether it was delivered.</summary>
    Folded,
}
