using SigninToSlack.Alerts;
using SigninToSlack.Configuration;

namespace SigninToSlack.Delivery;

/// <summary>
/// Posts an alert to all its channels at once, each delivery succeeding or failing on its own, and with a bot token
/// sends the person a DM. A failed channel fails the alert (so Lambda retries the invocation); the channels that
/// took it are remembered in the <see cref="DeliveryLedger"/>, and a retry in the same container posts only to the
/// others. A failed DM is reported as a note and fails nothing.
/// </summary>
internal sealed class SlackDelivery(AlertRouter router, SlackApiClient? api, DeliveryLedger ledger) : IAlertDelivery
{
    /// <summary>The DM's name in the ledger; no channel is called so.</summary>
    public const string DirectMessageName = "dm";

    public async ValueTask<MemberLookup> MemberIdAsync(SlackPerson person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.MemberId is { } id)
        {
            return new MemberLookup(id);
        }

        if (api is null)
        {
            return new MemberLookup(null, $"no mention for {person.Email}: an e-mail address is looked up only with SLACK_BOT_TOKEN");
        }

        try
        {
            return new MemberLookup(await api.LookupByEmailAsync(person.Email!, cancellationToken));
        }
        catch (SlackDeliveryException ex)
        {
            return new MemberLookup(null, $"no mention or DM for {person.Email}: {ex.Message}");
        }
    }

    public async Task<DeliveryReport> DeliverAsync(SigninAlert alert, SlackPerson? person, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var destinations = router.Route(alert);
        var eventId = alert.EventId;
        var earlier = eventId is null ? null : ledger.Accepted(eventId);
        var dmTo = api is null ? null : alert.Context?.MemberId;

        if (destinations.Count == 1 && earlier is null && dmTo is null)
        {
            // One channel, nothing to remember: the path of a function with no routing configured.
            return new DeliveryReport(destinations, Failure: await PostAsync(destinations[0].Sink, payload, cancellationToken));
        }

        var posts = new Task<string?>[destinations.Count];
        for (var i = 0; i < destinations.Count; i++)
        {
            posts[i] = earlier?.Contains(destinations[i].Name) == true ? Task.FromResult<string?>(null) : PostAsync(destinations[i].Sink, payload, cancellationToken);
        }

        var dm = dmTo is not null && earlier?.Contains(DirectMessageName) != true ? DirectMessageAsync(dmTo, payload, cancellationToken) : null;
        var problems = await Task.WhenAll(posts);
        var dmProblem = dm is null ? null : await dm;

        var failures = new List<string>();
        var accepted = new List<string>();
        for (var i = 0; i < destinations.Count; i++)
        {
            if (problems[i] is { } problem)
            {
                failures.Add(problem);
            }
            else
            {
                accepted.Add(destinations[i].Name);
            }
        }

        if (failures.Count == 0)
        {
            if (earlier is not null)
            {
                ledger.Forget(eventId!);
            }

            return new DeliveryReport(destinations, dmTo, Note: dmProblem);
        }

        var failure = string.Join("; ", failures) + (accepted.Count > 0 ? $" (taken by {string.Join(", ", accepted)})" : string.Empty);
        if (eventId is not null)
        {
            if (dmTo is not null && dmProblem is null)
            {
                accepted.Add(DirectMessageName);
            }

            ledger.Remember(eventId, accepted);
        }

        return new DeliveryReport(destinations, dmTo, failure, dmProblem);
    }

    private static async Task<string?> PostAsync(IPayloadSink sink, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        try
        {
            await sink.DeliverAsync(payload, cancellationToken);
            return null;
        }
        catch (SlackDeliveryException ex)
        {
            return ex.Message;
        }
    }

    private async Task<string?> DirectMessageAsync(string memberId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        try
        {
            await api!.PostMessageAsync(memberId, payload, cancellationToken);
            return null;
        }
        catch (SlackDeliveryException ex)
        {
            return $"direct message to {memberId} not sent: {ex.Message}";
        }
    }
}
