using System.Collections.Concurrent;
using System.Text.Json;
using SigninToSlack.Configuration;

namespace SigninToSlack.Secrets;

/// <summary>
/// Resolved secrets for the container's life, each kept for at most the TTL so that a rotated value is picked up.
/// A failure is not cached: the next delivery tries again.
/// </summary>
internal sealed class SecretCache(ISecretSource source, TimeSpan ttl, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<SecretReference, Entry> _entries = new();

    /// <exception cref="SecretResolutionException">The secret could not be fetched, or has no such JSON key.</exception>
    public async ValueTask<string> GetAsync(SecretReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var now = timeProvider.GetUtcNow();
        if (_entries.TryGetValue(reference, out var entry) && now < entry.Expires)
        {
            return entry.Value;
        }

        var fetched = await source.FetchAsync(reference.Kind, reference.Id, cancellationToken);
        var value = reference.JsonKey is { } key ? JsonKey(fetched, key) : fetched;
        _entries[reference] = new Entry(value, timeProvider.GetUtcNow() + ttl);
        return value;
    }

    private static string JsonKey(string secret, string key)
    {
        try
        {
            using var document = JsonDocument.Parse(secret);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SecretResolutionException($"the secret is not a JSON object, so it has no key '{key}'");
            }

            if (!document.RootElement.TryGetProperty(key, out var value))
            {
                throw new SecretResolutionException($"the secret has no key '{key}'");
            }

            return value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new SecretResolutionException($"the secret's key '{key}' is not a string");
        }
        catch (JsonException)
        {
            // JsonException's message may quote the secret.
            throw new SecretResolutionException($"the secret is not JSON, so it has no key '{key}'");
        }
    }

    /// <summary>A class, not a record: a generated ToString would print the secret.</summary>
    private sealed class Entry(string value, DateTimeOffset expires)
    {
        public string Value => value;

        public DateTimeOffset Expires => expires;
    }
}
