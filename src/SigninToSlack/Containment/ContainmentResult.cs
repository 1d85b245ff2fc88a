namespace SigninToSlack.Containment;

/// <summary>What a containment or an undo came to.</summary>
internal enum ContainmentOutcome
{
    /// <summary>The deny policy is on (and, for a user, the active keys are off), or for an undo: removed and restored.</summary>
    Done,

    /// <summary>Nothing was changed through IAM: an administrator must act (IAM Identity Center, a federated session).</summary>
    NeedsAction,

    /// <summary>Nothing was changed because this principal is never contained: root, this product's own, or tagged protected.</summary>
    Refused,
}

/// <summary>
/// The record of one containment or undo: what was done, to whom and when; the keys it deactivated (or reactivated);
/// and, when it stopped part way, what went wrong (<see cref="Problem"/>), so that what was done can still be undone.
/// </summary>
internal sealed record ContainmentResult(
    ContainmentOutcome Outcome,
    ContainmentTarget Target,
    DateTimeOffset At,
    string Summary,
    IReadOnlyList<string> Keys,
    string? Problem = null)
{
    /// <summary>Something was changed in IAM (and may need undoing).</summary>
    public bool Changed => Outcome == ContainmentOutcome.Done || Keys.Count > 0;
}
