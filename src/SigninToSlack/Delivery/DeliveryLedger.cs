
namespace SigninToSlack.Delivery;

/// <summary>
/// For an event that some destination did not take, the destinations that did, so that Lambda's retry of the
/// invocation, when it lands in the same container, posts only to those that failed. Kept for the retries' window
/// (Lambda retries an asynchronous event for at most 6 hours) and for a bounded number of events; nothing is
/// written while every destination takes its alert.
/// </summary>
internal sealed class DeliveryLedger(TimeProvider timeProvider)
{
    public const int MaxEvents = 1000;
    public static readonly TimeSpan Keep = TimeSpan.FromHours(7);

    private readonly Dictionary<string, Entry> _events = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The destinations that took this event in an earlier attempt; null when none is remembered.</summary>
    public IReadOnlySet<string>? Accepted(string eventId)
    {
        lock (_lock)
        {
            if (_events.Count == 0 || !_events.TryGetValue(eventId, out var entry))
            {
                return null;
            }

            if (timeProvider.GetUtcNow() >= entry.Expires)
            {
                _events.Remove(eventId);
                return null;
            }

            return entry.Names;
        }
    }

    /// <summary>Remembers the destinations that took the event (those of earlier attempts included).</summary>
    public void Remember(string eventId, IReadOnlyCollection<string> accepted)
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            if (_events.Count >= MaxEvents && !_events.ContainsKey(eventId))
            {
                Prune(now);
            }

            _events[eventId] = new Entry(new HashSet<string>(accepted, StringComparer.Ordinal), now + Keep);
        }
    }

    /// <summary>Every destination took the event at last: nothing more to remember.</summary>
    public void Forget(string eventId)
    {
        lock (_lock)
        {
            _events.Remove(eventId);
        }
    }

    /// <summary>Drops expired entries, and the oldest when still full.</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, entry) in _events)
        {
            if (now >= entry.Expires)
            {
                _events.Remove(id);
            }
        }

        if (_events.Count >= MaxEvents)
        {
            var oldest = _events.MinBy(e => e.Value.Expires).Key;
            _events.Remove(oldest);
        }
    }

    private sealed record Entry(HashSet<string> Names, DateTimeOffset Expires);
}
