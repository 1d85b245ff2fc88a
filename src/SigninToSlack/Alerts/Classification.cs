namespace SigninToSlack.Alerts;

/// <summary>The result of reading an event: an alert to send, or the reason it is not a sign-in.</summary>
internal readonly record struct Classification(SigninAlert? Alert, string? SkipReason, string? EventId = null)
{
    public static Classification Skip(string reason, string? eventId) => new(null, reason, eventId);
}
