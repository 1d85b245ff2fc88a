using SigninToSlack.Alerts;
using SigninToSlack.Configuration;

namespace SigninToSlack.Delivery;

/// <summary>Where an alert's payload goes: its channels and the person's DM, or, in a dry run, the terminal.</summary>
internal interface IAlertDelivery
{
    /// <summary>The member ID to mention for <paramref name="person"/>, or null and why not; never throws for Slack's sake.</summary>
    ValueTask<MemberLookup> MemberIdAsync(SlackPerson person, CancellationToken cancellationToken);

    /// <summary>Posts the payload to every destination of the alert, each on its own, and to the person's DM.</summary>
    /// <param name="person">The person behind the alert (SLACK_PEOPLE), when mapped.</param>
    Task<DeliveryReport> DeliverAsync(SigninAlert alert, SlackPerson? person, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}

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

/// <summary>A person's member ID, or (null) the problem that kept it unknown, to log.</summary>
internal readonly record struct MemberLookup(string? MemberId, string? Problem = null);
