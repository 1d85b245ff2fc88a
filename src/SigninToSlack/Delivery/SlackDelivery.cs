using SigninToSlack.Alerts;
using SigninToSlack.Configuration;
using SigninToSlack.State;

namespace SigninToSlack.Delivery;

/// <summary>
/// Posts an alert to all its channels at once, each delivery succeeding or failing on its own, and with a bot token
/// sends the person a DM. A failed channel fails the alert (so Lambda retries the invocation); the channels that
/// took it are remembered in the <see cref="DeliveryLedger"/>, and a retry in the same container posts only to the
/// others. A failed DM (or e-mail lookup) is reported as a note and fails nothing, and never holds up a channel: an
/// e-mail address not yet looked up is looked up beside the channel posts, for the DM, and mentioned from then on.
/// With a state table (<paramref name="claims"/>), each post is claimed there first, so that an event is posted once
/// to each destination across containers too; a table that cannot be asked never stops a post.
/// </summary>
internal sealed class SlackDelivery(AlertRouter router, SlackApiClient? api, DeliveryLedger ledger, IClaimStore? claims = null) : IAlertDelivery
{
    /// <summary>The DM's name in the ledger and the state table; no channel is called so.</summary>
    public const string DirectMessageName = "dm";

    /// <summary>How long past the invocation's deadline a claim still holds: a little, for the post's last bytes.</summary>
    public static readonly TimeSpan ClaimMargin = TimeSpan.FromSeconds(5);

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
            var only = claims is null || eventId is null
                ? await PostAsync(destinations[0], payload, deadline, cancellationToken)
                : await PostOnceAsync(eventId, destinations[0], payload, deadline, cancellationToken);
            if (only.Cancelled)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            return new DeliveryReport(destinations, Failure: only.Problem, Note: only.Warning, Duplicates: only.Duplicate ? 1 : 0);
        }

        var posts = new Task<Attempt>[destinations.Count];
        for (var i = 0; i < destinations.Count; i++)
        {
            posts[i] = earlier?.Contains(destinations[i].Name) == true
                ? Task.FromResult(Attempt.Done)
                : claims is null || eventId is null
                    ? PostAsync(destinations[i], payload, deadline, cancellationToken)
                    : PostOnceAsync(eventId, destinations[i], payload, deadline, cancellationToken);
        }

        var dm = !dmWanted ? null
            : claims is null || eventId is null
                ? DirectMessageAsync(alert.Context?.MemberId, person, payload, deadline, cancellationToken)
                : DirectMessageOnceAsync(eventId, alert.Context?.MemberId, person, payload, deadline, cancellationToken);

        // Neither ever throws: every destination's fault, and the caller's cancellation, is in its result.
        var results = await Task.WhenAll(posts);
        var dmResult = dm is null ? default : await dm;

        var failures = new List<string>();
        var accepted = new List<string>();
        var cancelled = dmResult.Attempt.Cancelled;
        var duplicates = dmResult.Attempt.Duplicate ? 1 : 0;
        var notes = new List<string>();
        for (var i = 0; i < destinations.Count; i++)
        {
            cancelled |= results[i].Cancelled;
            duplicates += results[i].Duplicate ? 1 : 0;
            if (results[i].Warning is { } warning && !notes.Contains(warning))
            {
                notes.Add(warning);
            }

            if (results[i].Problem is { } problem)
            {
                failures.Add(problem);
            }
            else if (!results[i].Cancelled)
            {
                accepted.Add(destinations[i].Name);
            }
        }

        if (dmResult.Attempt.Warning is { } dmWarning && !notes.Contains(dmWarning))
        {
            notes.Add(dmWarning);
        }

        if (dmResult.Attempt.Problem is { } dmProblem)
        {
            notes.Add(dmProblem);
        }

        var note = notes.Count == 0 ? null : string.Join("; ", notes);
        var dmTo = dm is null ? null : dmResult.MemberId;
        if (failures.Count == 0 && !cancelled)
        {
            if (earlier is not null)
            {
                ledger.Forget(eventId!);
            }

            return new DeliveryReport(destinations, dmTo, Note: note, Duplicates: duplicates);
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
        return new DeliveryReport(destinations, dmTo, failure, note, duplicates);
    }

    /// <summary>
    /// One destination's post, claimed in the state table first: not posted again when an earlier invocation posted
    /// it, failed (for a later retry) while another invocation holds it, posted anyway when the table cannot be asked.
    /// </summary>
    private async Task<Attempt> PostOnceAsync(string eventId, Destination destination, ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var (claim, instead) = await ClaimAsync(eventId, destination.Name, $"channel {destination.Name}", deadline, cancellationToken);
        if (instead is { } answer)
        {
            return answer;
        }

        return await SettleAsync(claim!, await PostAsync(destination, payload, deadline, cancellationToken), cancellationToken);
    }

    /// <summary>The DM, claimed like a channel's post; its problems stay notes.</summary>
    private async Task<DirectMessage> DirectMessageOnceAsync(
        string eventId, string? memberId, SlackPerson? person, ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var (claim, instead) = await ClaimAsync(eventId, DirectMessageName, "direct message", deadline, cancellationToken);
        if (instead is { } answer)
        {
            return new DirectMessage(null, answer);
        }

        var sent = await DirectMessageAsync(memberId, person, payload, deadline, cancellationToken);
        return sent with { Attempt = await SettleAsync(claim!, sent.Attempt, cancellationToken) };
    }

    /// <summary>The claim to post under, or the attempt that stands instead of a post (done already, held, cancelled).</summary>
    private async Task<(Claim? Claim, Attempt? Instead)> ClaimAsync(
        string eventId, string name, string what, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        Claim claim;
        try
        {
            claim = await claims!.ClaimAsync(ClaimKeys.Delivery(eventId, name), deadline + ClaimMargin, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, Attempt.CancelledByCaller);
        }

        return claim.State switch
        {
            ClaimState.Done => (null, Attempt.AlreadyPosted),
            ClaimState.Held => (null, new Attempt(
                $"{what}: another invocation is posting this event{(claim.HeldUntil is { } until ? $" (its claim lapses at {until.UtcDateTime.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)}Z)" : string.Empty)}; a retry posts it if that one does not")),
            _ => (claim, null),
        };
    }

    /// <summary>After the post: a taken post is recorded as done, a failed one gives its claim up for the retry.</summary>
    private async Task<Attempt> SettleAsync(Claim claim, Attempt attempt, CancellationToken cancellationToken)
    {
        if (claim.State == ClaimState.Unavailable)
        {
            return attempt with { Warning = $"state table not used ({claim.Problem}): posted without a claim, so a retry may post again" };
        }

        if (attempt.Cancelled)
        {
            // The deadline came: the claim lapses with it.
            return attempt;
        }

        try
        {
            if (attempt.Problem is not null)
            {
                await claims!.ReleaseAsync(claim, cancellationToken);
                return attempt;
            }

            return await claims!.CompleteAsync(claim, cancellationToken) is { } problem
                ? attempt with { Warning = $"state table: the post was not recorded ({problem}), so a retry may post again" }
                : attempt;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return attempt;
        }
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

    /// <summary>
    /// How one post ended: taken (no problem), failed (the problem), stopped by the caller's cancellation, or not made
    /// because an earlier invocation made it (<see cref="Duplicate"/>); <see cref="Warning"/> is a note that fails nothing.
    /// </summary>
    private readonly record struct Attempt(string? Problem, bool Cancelled = false, bool Duplicate = false, string? Warning = null)
    {
        public static Attempt Done => default;

        public static Attempt AlreadyPosted => new(null, Duplicate: true);

        public static Attempt CancelledByCaller => new(null, Cancelled: true);
    }

    /// <summary>How the DM ended, and to whom it went.</summary>
    private readonly record struct DirectMessage(string? MemberId, Attempt Attempt);
}
