using SigninToSlack.Alerts;

namespace SigninToSlack.Pipeline;

/// <summary>What became of one event: delivered (with its alert), skipped (with the reason) or failed (with the error).</summary>
internal sealed record EventOutcome(OutcomeKind Kind, string? EventId, SigninAlert? Alert = null, string? Reason = null)
{
    public static EventOutcome Delivered(string? eventId, SigninAlert alert) => new(OutcomeKind.Delivered, eventId, alert);

    public static EventOutcome Skipped(string? eventId, string reason) => new(OutcomeKind.Skipped, eventId, Reason: reason);

    public static EventOutcome Failed(string? eventId, SigninAlert? alert, string reason) => new(OutcomeKind.Failed, eventId, alert, reason);

    /// <summary>One human line: the severity and what happened, or why it was skipped or failed.</summary>
    public string Describe() => Kind switch
    {
        OutcomeKind.Skipped => $"skipped: {Reason} (event {EventId ?? "without id"})",
        OutcomeKind.Failed when Alert is not null => $"{AlertText.SeverityWord(Alert.Severity)} {AlertText.PlainSentence(Alert)} - NOT DELIVERED: {Reason}",
        OutcomeKind.Failed => $"failed: {Reason} (event {EventId ?? "without id"})",
        _ => $"{AlertText.SeverityWord(Alert!.Severity)} {AlertText.PlainSentence(Alert)}",
    };
}
