using SigninToSlack.Respond;

namespace SigninToSlack.Tests.Support;

/// <summary>A single-use ledger in memory, for tests only: production has the state table's.</summary>
internal sealed class MemoryTokenLedger : ITokenLedger
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public int Offers { get; private set; }

    public Task<bool> TryUseOnceAsync(string useKey, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_used)
        {
            Offers++;
            return Task.FromResult(_used.Add(useKey));
        }
    }
}
