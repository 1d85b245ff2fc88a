namespace SigninToSlack.Tokens;

/// <summary>What a signed token lets its holder do.</summary>
internal enum TokenPurpose
{
    /// <summary>Report a sign-in ("that wasn't me", or "that was me"), which contains the principal.</summary>
    Contain,

    /// <summary>An administrator's undo of one containment.</summary>
    Undo,
}

/// <summary>
/// What a link or button token carries, signed: its purpose, the account and principal it is about, the sign-in
/// event, when it expires, and for an undo the access keys the containment deactivated. The keys travel here rather
/// than in the state table: the signature keeps them from being changed, the undo needs nothing else to restore
/// exactly those keys, and access key IDs are identifiers, not secrets. <see cref="Member"/> is the Slack member the
/// alert was about when it was posted (from SLACK_PEOPLE), the one person besides the admins whose button press counts.
/// An undo token carries <see cref="ContainedAt"/>, the time its containment's dated deny names: the undo keeps that deny.
/// </summary>
internal sealed record ResponseToken(
    TokenPurpose Purpose,
    string Account,
    string PrincipalArn,
    string EventId,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<string> Keys,
    string? Member = null,
    DateTimeOffset? ContainedAt = null)
{
    public ResponseToken(TokenPurpose purpose, string account, string principalArn, string eventId, DateTimeOffset expiresAt)
        : this(purpose, account, principalArn, eventId, expiresAt, [])
    {
    }

    /// <summary>Compares the keys by value, which a record does not do for a list.</summary>
    public bool Equals(ResponseToken? other) =>
        other is not null && Purpose == other.Purpose && Account == other.Account && PrincipalArn == other.PrincipalArn
        && EventId == other.EventId && ExpiresAt == other.ExpiresAt && Keys.SequenceEqual(other.Keys) && Member == other.Member && ContainedAt == other.ContainedAt;

    public override int GetHashCode() => HashCode.Combine(Purpose, Account, PrincipalArn, EventId, ExpiresAt);
}

/// <summary>Why a token was refused; each gets its own page and log line.</summary>
internal enum TokenProblem
{
    None,

    /// <summary>Not a token of this product at all (cut short, or not base64url).</summary>
    Malformed,

    /// <summary>A version this function does not read.</summary>
    UnknownVersion,

    /// <summary>The signature does not match: the token was changed, or signed with another key.</summary>
    Tampered,

    /// <summary>A token for another purpose (an undo token offered to contain, or the reverse).</summary>
    WrongPurpose,

    Expired,

    /// <summary>About another AWS account than the one this function acts in.</summary>
    WrongAccount,

    /// <summary>Already used once.</summary>
    Reused,
}
