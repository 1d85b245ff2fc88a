using SigninToSlack.Alerts;
using SigninToSlack.Configuration;

namespace SigninToSlack.Delivery;

/// <summary>
/// Posts an alert to all its channels at once, each delivery succeeding or failing on its own, and with a bot token
/// sends the person a DM. A failed channel fails the alert (so Lambda retries the invocation); the channels that
/// took it are remembered in the <see cref="DeliveryLedger"/>, and a retry in the same container posts only to the
/// others. A failed DM (or e-mail lookup) is reported as a note and fails nothing, and never holds up a channel: an
/// e-mail address not yet looked up is looked up beside the channel posts, for the DM, and mentioned from then on.
/// </summary>
internal sealed class SlackDelivery(AlertRouter router, SlackApiClient? api, DeliveryLedger ledger) : IAlertDelivery
{
    /// <summary>The DM's name in the ledger; no channel is called so.</summary>
    public const string DirectMessageName = "dm";

    public MemberLookup MemberId(SlackPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.MemberId is { } id)
        {
            return new MemberLookup(id);
        }

        return api is null
            ? new MemberLookup(null, $"no mention for {person.Email}: an e-mail address is looked up only with SLACK_BOT_TOKEN")
            : new MemberLookup(api.KnownMemberId(person.Email!));
    }

    public async Task<DeliveryReport> DeliverAsync(
        SigninAlert alert, SlackPerson? person, ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var destinations = router.Route(alert);
        var eventId = alert.EventId;
        var earlier = eventId is null ? null : ledger.Accepted(eventId);
        var dmEarlier = earlier?.Contains(DirectMessageName) == true;
        // The DM goes to the member the alert mentions, or to whoever the person's e-mail address turns out to be.
        var dmWanted = api is not null && !dmEarlier && (alert.Context?.MemberId is not null || person?.Email is not null);

        if (destinations.Count == 1 && earlier is null && !dmWanted)
        {
            // One channel, no DM, nothing remembered: the path of a function with no routing configured. Had the
            // channel taken it, there would be nothing to remember either.
            var only = await PostAsync(destinations[0], payload, deadline, cancellationToken);
            if (only.Cancelled)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            return new DeliveryReport(destinations, Failure: only.Problem);
        }

        var posts = new Task<Attempt>[destinations.Count];
        for (var i = 0; i < destinations.Count; i++)
        {
            posts[i] = earlier?.Contains(destinations[i].Name) == true
                ? Task.FromResult(Attempt.Done)
                : PostAsync(destinations[i], payload, deadline, cancellationToken);
        }

        var dm = dmWanted ? DirectMessageAsync(alert.Context?.MemberId, person, payload, deadline, cancellationToken) : null;

        // Neither ever throws: every destination's fault, and the caller's cancellation, is in its result.
        var results = await Task.WhenAll(posts);
        var dmResult = dm is null ? default : await dm;

        var failures = new List<string>();
        var accepted = new List<string>();
        var cancelled = dmResult.Attempt.Cancelled;
        for (var i = 0; i < destinations.Count; i++)
        {
            cancelled |= results[i].Cancelled;
            if (results[i].Problem is { } problem)
            {
                failures.Add(problem);
            }
            else if (!results[i].Cancelled)
            {
                accepted.Add(destinations[i].Name);
            }
        }

        var dmTo = dm is null ? null : dmResult.MemberId;
        if (failures.Count == 0 && !cancelled)
        {
            if (earlier is not null)
            {
                ledger.Forget(eventId!);
            }

            return new DeliveryReport(destinations, dmTo, Note: dmResult.Attempt.Problem);
        }

        if (eventId is not null)
        {
            if (dmEarlier || (dm is not null && dmResult.Attempt is { Problem: null, Cancelled: false }))
            {
                accepted.Add(DirectMessageName);
            }

            ledger.Remember(eventId, accepted);
        }

        if (cancelled)
        {
            // The caller's own cancellation goes on as such, now that what was delivered is remembered.
            cancellationToken.ThrowIfCancellationRequested();
        }

        var failure = string.Join("; ", failures) + (accepted.Count > 0 ? $" (taken by {string.Join(", ", accepted)})" : string.Empty);
        return new DeliveryReport(destinations, dmTo, failure, dmResult.Attempt.Problem);
    }

    /// <summary>One destination's post: whatever goes wrong, it ends here as a problem to report.</summary>
    private static async Task<Attempt> PostAsync(Destination destination, ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        try
        {
            await destination.Sink.DeliverAsync(payload, deadline, cancellationToken);
            return Attempt.Done;
        }
        catch (SlackDeliveryException ex)
        {
            return new Attempt(ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Attempt.CancelledByCaller;
        }
        catch (Exception ex)
        {
            // A fault no sink names: its type only, since its message could quote a webhook.
            return new Attempt($"channel {destination.Name}: unexpected {ex.GetType().Name}");
        }
    }

    /// <summary>The DM, after looking up the person's e-mail address when no member ID is known yet; its problem is a note, never a failure.</summary>
    private async Task<DirectMessage> DirectMessageAsync(
        string? memberId, SlackPerson? person, ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (memberId is null)
        {
            try
            {
                memberId = await api!.LookupByEmailAsync(person!.Email!, deadline, cancellationToken);
            }
            catch (SlackDeliveryException ex)
            {
                return new DirectMessage(null, new Attempt($"no mention or DM for {person!.Email}: {ex.Message}"));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return new DirectMessage(null, Attempt.CancelledByCaller);
            }
            catch (Exception ex)
            {
                return new DirectMessage(null, new Attempt($"no mention or DM for {person!.Email}: unexpected {ex.GetType().Name}"));
            }
        }

        try
        {
            await api!.PostMessageAsync(memberId, payload, deadline, cancellationToken);
            return new DirectMessage(memberId, Attempt.Done);
        }
        catch (SlackDeliveryException ex)
        {
            return new DirectMessage(memberId, new Attempt($"direct message to {memberId} not sent: {ex.Message}"));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new DirectMessage(memberId, Attempt.CancelledByCaller);
        }
        catch (Exception ex)
        {
            return new DirectMessage(memberId, new Attempt($"direct message to {memberId} not sent: unexpected {ex.GetType().Name}"));
        }
    }

    /// <summary>How one post ended: taken (no problem), failed (the problem), or stopped by the caller's cancellation.</summary>
    private readonly record struct Attempt(string? Problem, bool Cancelled = false)
    {
        public static Attempt Done => default;

        public static Attempt CancelledByCaller => new(null, Cancelled: true);
    }

    /// <summary>How the DM ended, and to whom it went.</summary>
    private readonly record struct DirectMessage(string? MemberId, Attempt Attempt);
}
