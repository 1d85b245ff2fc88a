using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using SigninToSlack.Configuration;

namespace SigninToSlack.Secrets;

/// <summary>
/// Resolved secrets for the container's life, each kept for at most the TTL so that a rotated value is picked up.
/// Concurrent callers share one read per reference. When a read fails (throttling, an outage, a missing permission),
/// the last good value is served for up to <see cref="StaleLimit"/> past its expiry, with a warning line: the webhook
/// itself still works while SSM or Secrets Manager does not. A failure with no such value is not cached: the next
/// delivery tries again.
/// </summary>
internal sealed class SecretCache(ISecretSource source, TimeSpan ttl, TimeProvider timeProvider, Action<string>? warn = null)
{
    /// <summary>How long past its expiry a value may still be served when it cannot be read again.</summary>
    public static readonly TimeSpan StaleLimit = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<SecretReference, Entry> _entries = new();
    private readonly ConcurrentDictionary<SecretReference, Task<string>> _reads = new();

    /// <exception cref="SecretResolutionException">The secret could not be fetched (and no recent value is kept), or has no such JSON key.</exception>
    public async ValueTask<string> GetAsync(SecretReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (_entries.TryGetValue(reference, out var entry) && timeProvider.GetUtcNow() < entry.Expires)
        {
            return entry.Value;
        }

        while (true)
        {
            var mine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_reads.TryAdd(reference, mine.Task))
            {
                return await ReadAsync(reference, mine, cancellationToken);
            }

            if (_reads.TryGetValue(reference, out var shared))
            {
                try
                {
                    return await shared.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The caller whose read this was gave up (its own deadline): read for this caller instead.
                }
            }
        }
    }

    /// <summary>
    /// Makes the next <see cref="GetAsync"/> read the reference again, as when Slack refused the value (a rotated
    /// webhook); the old value stays available as a stale fallback.
    /// </summary>
    public void Invalidate(SecretReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var now = timeProvider.GetUtcNow();
        if (_entries.TryGetValue(reference, out var entry) && entry.Expires > now)
        {
            _entries.TryUpdate(reference, new Entry(entry.Value, now, entry.Read), entry);
        }
    }

    /// <summary>The one read of <paramref name="reference"/> in flight; its outcome goes to every caller waiting on <paramref name="shared"/>.</summary>
    private async Task<string> ReadAsync(SecretReference reference, TaskCompletionSource<string> shared, CancellationToken cancellationToken)
    {
        try
        {
            var value = await FetchAsync(reference, cancellationToken);
            shared.SetResult(value);
            return value;
        }
        catch (OperationCanceledException ex)
        {
            shared.SetCanceled(ex.CancellationToken);
            throw;
        }
        catch (Exception ex)
        {
            shared.SetException(ex);
            _ = shared.Task.Exception; // Observed here: waiting callers rethrow it themselves.
            throw;
        }
        finally
        {
            _reads.TryRemove(new KeyValuePair<SecretReference, Task<string>>(reference, shared.Task));
        }
    }

    private async Task<string> FetchAsync(SecretReference reference, CancellationToken cancellationToken)
    {
        string fetched;
        try
        {
            fetched = await source.FetchAsync(reference.Kind, reference.Id, cancellationToken);
        }
        catch (SecretResolutionException ex) when (Stale(reference) is { } stale)
        {
            var age = timeProvider.GetUtcNow() - stale.Read;
            warn?.Invoke(
                $"{reference} could not be read again ({ex.Message}): using the value read {Minutes(age)} ago, kept up to {Minutes(StaleLimit)} past its expiry");
            return stale.Value;
        }

        // A value without the key is a configuration fault, not an outage: it fails at once, like a first read.
        var value = reference.JsonKey is { } key ? JsonKey(fetched, key) : fetched;
        var now = timeProvider.GetUtcNow();
        _entries[reference] = new Entry(value, now + ttl, now);
        return value;
    }

    private Entry? Stale(SecretReference reference) =>
        _entries.TryGetValue(reference, out var entry) && timeProvider.GetUtcNow() < entry.Expires + StaleLimit ? entry : null;

    private static string Minutes(TimeSpan time) =>
        time < TimeSpan.FromMinutes(1)
            ? $"{time.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s"
            : $"{time.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} min";

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
    private sealed class Entry(string value, DateTimeOffset expires, DateTimeOffset read)
    {
        public string Value => value;

        public DateTimeOffset Expires => expires;

        public DateTimeOffset Read => read;
    }
}
