namespace SigninToSlack.Respond;

/// <summary>Makes each token work once: backed by the state table's conditional write.</summary>
internal interface ITokenLedger
{
    /// <summary>True the first time <paramref name="useKey"/> is offered; false ever after (until it may be forgotten at <paramref name="expiresAt"/>).</summary>
    Task<bool> TryUseOnceAsync(string useKey, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
