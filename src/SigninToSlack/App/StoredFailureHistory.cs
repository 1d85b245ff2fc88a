using SigninToSlack.Alerts;
using SigninToSlack.Processing;
using SigninToSlack.State;

namespace SigninToSlack.App;

/// <summary>
/// The failure history of a function with a state table: the failures of earlier batches within the window, read
/// from the table, and those of the batch at hand, counted as a function without one counts them. Every lookup of a
/// batch comes before its failures are recorded (BatchProcessor's order), so the table never yet holds the batch's
/// own and each failure counts once. A table that cannot be asked leaves the batch's own failures, with one warning
/// a batch, and is not asked again for that batch.
/// </summary>
internal sealed class StoredFailureHistory(DynamoFailureCounts counts, TimeProvider timeProvider, Action<string>? warn) : IFailureHistory
{
    // A batch is known by the list of its failures, the one BatchProcessor hands to every call for that batch. One
    // invocation runs at a time, so this is the batch at hand.
    private IReadOnlyList<SigninAlert>? _batch;
    private bool _unavailable;

    public async Task<int> FailuresBeforeAsync(string sourceIp, DateTimeOffset? before, IReadOnlyList<SigninAlert> batchFailures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceIp);
        var own = BatchFailureHistory.Count(sourceIp, before, batchFailures);
        if (Begin(batchFailures))
        {
            return own;
        }

        var until = before ?? timeProvider.GetUtcNow();
        var (stored, problem) = await counts.CountAsync(sourceIp, until - counts.Window, until, cancellationToken);
        if (problem is not null)
        {
            Unavailable(problem);
            return own;
        }

        return stored + own;
    }

    public async Task RecordAsync(IReadOnlyList<SigninAlert> batchFailures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batchFailures);
        if (Begin(batchFailures))
        {
            return;
        }

        // One write per source IP and minute; a failure with no time counts in the minute it was received.
        var now = timeProvider.GetUtcNow();
        var groups = batchFailures
            .Where(f => f.SourceIp is not null)
            .GroupBy(f => (Ip: f.SourceIp!, Minute: (f.Time ?? now).UtcTicks / TimeSpan.TicksPerMinute))
            .Select(g => (g.Key.Ip, Time: g.First().Time ?? now, Count: g.Count()));
        foreach (var (ip, time, count) in groups)
        {
            if (await counts.AddAsync(ip, time, count, cancellationToken) is { } problem)
            {
                Unavailable(problem);
                return;
            }
        }
    }

    /// <summary>Starts over for a new batch; true when the table already failed for this one.</summary>
    private bool Begin(IReadOnlyList<SigninAlert> batchFailures)
    {
        if (!ReferenceEquals(batchFailures, _batch))
        {
            _batch = batchFailures;
            _unavailable = false;
        }

        return _unavailable;
    }

    private void Unavailable(string problem)
    {
        _unavailable = true;
        warn?.Invoke($"state table unavailable for failed sign-ins ({problem}): this batch's successes count only its own failures, and its failures are not kept");
    }
}
