using SigninToSlack.Alerts;
using SigninToSlack.Configuration;

namespace SigninToSlack.Delivery;

/// <summary>Where an alert's payload goes: its channels and the person's DM, or, in a dry run, the terminal.</summary>
internal interface IAlertDelivery
{
    /// <summary>
    /// The member ID to mention for <paramref name="person"/> right now, with no call to Slack: the one SLACK_PEOPLE
    /// gives, or one an earlier lookup found; else null, and the problem to log when there is one.
    /// </summary>
    MemberLookup MemberId(SlackPerson person);

    /// <summary>
    /// Posts the payload to every destination of the alert, each on its own, and to the person's DM (looking up their
    /// e-mail address first when needed, without holding up the channels). Every destination's fault ends in the report.
    /// </summary>
    /// <param name="person">The person behind the alert (SLACK_PEOPLE), when mapped.</param>
    /// <param name="deadline">When <paramref name="cancellationToken"/> will fire: the invocation's deadline.</param>
    /// <exception cref="OperationCanceledException">Only the caller's own cancellation, once the ledger is written.</exception>
    Task<DeliveryReport> DeliverAsync(SigninAlert alert, SlackPerson? person, ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken);
}

/// <summary>Where one alert went (or would go), and what did not work.</summary>
/// <param name="Channels">The destinations, e.g. "default" and "critical".</param>
/// <param name="DirectMessage">Who got (or would get) a DM: a member ID, or an e-mail address in a dry run.</param>
/// <param name="Failure">Why at least one channel did not take the alert; null when all did.</param>
/// <param name="Note">A problem to log that does not fail the alert, e.g. a failed DM.</param>
/// <param name="Duplicates">How many posts (channels and the DM) were not made again because an earlier invocation made them.</param>
internal sealed record DeliveryReport(IReadOnlyList<Destination> Channels, string? DirectMessage = null, string? Failure = null, string? Note = null, int Duplicates = 0)
{
    /// <summary>The dry run's line: "  -> channel: default, critical; dm: U123". Names only, never a webhook or token.</summary>
    public string Describe() =>
        $"  -> channel: {string.Join(", ", Channels.Select(c => c.Name))}{(DirectMessage is null ? string.Empty : "; dm: " + DirectMessage)}";
}

/// <summary>A person's member ID, or (null) the problem that kept it unknown, to log.</summary>
internal readonly record struct MemberLookup(string? MemberId, string? Problem = null);
