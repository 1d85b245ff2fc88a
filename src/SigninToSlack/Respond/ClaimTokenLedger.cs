using SigninToSlack.State;

namespace SigninToSlack.Respond;

/// <summary>
/// Each token's use claimed in the state table: a conditional write that only the first use wins, whichever
/// container or invocation makes it. The claim is kept past the token's own expiry (after which the token is refused
/// anyway), and never released: a use that failed half-way must not become a second use. Unlike a post, a table that
/// cannot be asked refuses the use: acting twice on one link is worse than asking to press again.
/// </summary>
internal sealed class ClaimTokenLedger(IClaimStore claims) : ITokenLedger
{
    public const string Prefix = "token#";

    /// <summary>How long past the token's expiry its use is remembered.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    /// <exception cref="TokenLedgerException">The state table could not be asked.</exception>
    public async Task<bool> TryUseOnceAsync(string useKey, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(useKey);
        var claim = await claims.ClaimAsync(Prefix + useKey, expiresAt + Margin, cancellationToken);
        return claim.State switch
        {
            ClaimState.Claimed => true,
            ClaimState.Unavailable => throw new TokenLedgerException($"the state table could not be asked ({claim.Problem}), so the link was not used"),
            _ => false,
        };
    }
}

/// <summary>The single-use ledger could not say whether a token was used: nothing is done.</summary>
internal sealed class TokenLedgerException(string message) : FunctionException(message);
