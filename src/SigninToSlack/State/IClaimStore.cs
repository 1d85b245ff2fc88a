namespace SigninToSlack.State;

/// <summary>
/// Claims a piece of work (one event's post to one destination) so that it is done once whichever invocation or
/// container tries it: claimed while in progress, recorded when done, released when it failed. Never throws but for
/// the caller's own cancellation: a store that cannot be reached answers <see cref="ClaimState.Unavailable"/>.
/// </summary>
internal interface IClaimStore
{
    /// <param name="key">The item's id, prefixed with its kind (<see cref="ClaimKeys"/>).</param>
    /// <param name="inProgressUntil">When the claim lapses if it is neither completed nor released: the invocation's deadline and a margin.</param>
    Task<Claim> ClaimAsync(string key, DateTimeOffset inProgressUntil, CancellationToken cancellationToken);

    /// <summary>Records the work as done, for a day. Returns the problem when it could not be recorded (a retry may then do it again).</summary>
    Task<string?> CompleteAsync(Claim claim, CancellationToken cancellationToken);

    /// <summary>Gives the claim up, so that a retry can do the work; a claim taken over meanwhile is left alone.</summary>
    Task ReleaseAsync(Claim claim, CancellationToken cancellationToken);
}

/// <summary>What a claim came to.</summary>
internal enum ClaimState
{
    /// <summary>This invocation holds the claim: do the work, then complete or release it.</summary>
    Claimed,

    /// <summary>An earlier invocation did the work: do not do it again.</summary>
    Done,

    /// <summary>Another invocation holds the claim until <see cref="Claim.HeldUntil"/>: try again later.</summary>
    Held,

    /// <summary>The store could not be asked (<see cref="Claim.Problem"/> says why, with no secret): do the work anyway.</summary>
    Unavailable,
}

/// <summary>One claim: its key, its state, and the token that proves it is this invocation's.</summary>
internal sealed record Claim(string Key, ClaimState State, string? Token = null, DateTimeOffset? HeldUntil = null, string? Problem = null);
