using SigninToSlack.Configuration;

namespace SigninToSlack.Secrets;

/// <summary>A secret setting's current value: fixed, or resolved from its reference (and cached) when asked.</summary>
internal interface ISecret<T>
{
    /// <exception cref="SecretResolutionException">The reference could not be resolved, or its value is invalid.</exception>
    ValueTask<T> GetAsync(CancellationToken cancellationToken);

    /// <summary>Drops the kept value so that the next <see cref="GetAsync"/> reads it again (a rotated secret).</summary>
    /// <returns>False for a secret given as the value itself: there is nothing to read again.</returns>
    bool Invalidate();
}

/// <summary>A secret given as the value itself.</summary>
internal sealed class PlainSecret<T>(T value) : ISecret<T>
{
    public ValueTask<T> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(value);

    public bool Invalidate() => false;

    public override string ToString() => "(secret value)";
}

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

    public bool Invalidate()
    {
        cache.Invalidate(reference);
        return true;
    }

    public override string ToString() => $"{variable}={reference}";

    /// <summary>A class, not a record: a generated ToString would print the secret.</summary>
    private sealed class Parsed(string raw, T value)
    {
        public string Raw => raw;

        public T Value => value;
    }
}

/// <summary>Turns a secret setting into what its users call: the value, or the reference resolved through the cache.</summary>
internal static class SecretBinding
{
    /// <summary>The setting as its users take it: a reference is resolved through <paramref name="cache"/> when first needed.</summary>
    public static ISecret<T> Bind<T>(this SecretSetting<T> setting, SecretCache cache)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Reference is null ? new PlainSecret<T>(setting.Value!) : new ReferencedSecret<T>(setting.Variable, setting.Reference, cache, setting.Parse);
    }
}
