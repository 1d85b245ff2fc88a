using System.Collections.Concurrent;
using SigninToSlack.Secrets;
using SigninToSlack.Configuration;

namespace SigninToSlack.Tests.Support;

/// <summary>A hand-written secret source: answers from a dictionary that tests may change, counts each fetch, and fails for unknown ids.</summary>
internal sealed class CountingSecretSource : ISecretSource
{
    private int _fetches;

    public ConcurrentDictionary<string, string> Values { get; } = new();

    public int Fetches => _fetches;

    public Task<string> FetchAsync(SecretKind kind, string id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fetches);
        return Values.TryGetValue(id, out var value)
            ? Task.FromResult(value)
            : Task.FromException<string>(new SecretResolutionException("ParameterNotFound"));
    }
}
