namespace SigninToSlack.Secrets;

/// <summary>
/// A secret setting given as a reference: resolved through the cache on each use and checked like a value given
/// directly. Failures name the setting and the reference, never the value.
/// </summary>
internal sealed class ReferencedSecret<T>(string variable, SecretReference reference, SecretCache cache, SecretParser<T> parse) : ISecret<T>
{
    private Parsed? _last;

    public async ValueTask<T> GetAsync(CancellationToken cancellationToken)
    {
        string raw;
        try
        {
            raw = await cache.GetAsync(reference, cancellationToken);
        }
        catch (SecretResolutionException ex)
        {
            throw new SecretResolutionException($"{variable}: {reference} could not be resolved: {ex.Message}", ex);
        }

        // The cache hands out the same string until it fetches again: parse once per fetch.
        if (_last is { } last && ReferenceEquals(last.Raw, raw))
        {
            return last.Value;
        }

        if (parse(raw, out var value) is { } problem)
        {
            throw new SecretResolutionException($"{variable}: the value of {reference} {problem}");
        }

        _last = new Parsed(raw, value!);
        return value!;
    }

    public override string ToString() => $"{variable}={reference}";

    /// <summary>A class, not a record: a generated ToString would print the secret.</summary>
    private sealed class Parsed(string raw, T value)
    {
        public string Raw => raw;

        public T Value => value;
    }
}
