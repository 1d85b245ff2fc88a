using SigninToSlack.Routing;

namespace SigninToSlack.Pipeline;

/// <summary>Where one alert went (or would go), and what did not work.</summary>
/// <param name="Channels">The destinations, e.g. "default" and "critical".</param>
/// <param name="DirectMessage">Who got (or would get) a DM: a member ID, or an e-mail address in a dry run.</param>
/// <param name="Failure">Why at least one channel did not take the alert; null when all did.</param>
/// <param name="Note">A problem to log that does not fail the alert, e.g. a failed DM.</param>
internal sealed record DeliveryReport(IReadOnlyList<Destination> Channels, string? DirectMessage = null, string? Failure = null, string? Note = null)
{
    /// <summary>The dry run's line: "  -> channel: default, critical; dm: U123". Names only, never a webhook or token.</summary>
    public string Describe() =>
        $"  -> channel: {string.Join(", ", Channels.Select(c => c.Name))}{(DirectMessage is null ? string.Empty : "; dm: " + DirectMessage)}";
}
