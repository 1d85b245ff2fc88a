using SigninToSlack.Logging;
using SigninToSlack.Processing;
using SigninToSlack.Serialization;

namespace SigninToSlack.EntryPoints;

/// <summary>
/// What the Lambda host calls: runs the configured entry point, logs one line per event, and fails the
/// invocation when any event was not delivered, unless the entry point answers for its records itself (an SQS batch
/// response, which names the records to receive again: the invocation then succeeds even when every record failed,
/// since failing it would have the whole batch received again, delivered records included).
/// </summary>
internal sealed class FunctionHandler(IEntryPoint entryPoint, FunctionLogger log)
{
    /// <param name="deadline">When <paramref name="cancellationToken"/> will fire: the invocation's deadline.</param>
    /// <exception cref="AlertDeliveryException">An event was not delivered.</exception>
    /// <exception cref="Events.EventFormatException">The input could not be read.</exception>
    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var metrics = new InvocationMetrics();
        try
        {
            return await HandleAsync(payload, metrics, deadline, cancellationToken);
        }
        catch (Exception ex) when (ex is not AlertDeliveryException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            // An input that could not be read, or a fault no outcome holds (a failed delivery is counted by its outcome).
            metrics.Failed(null);
            throw;
        }
        finally
        {
            log.Metrics(metrics);
        }
    }

    private async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationMetrics metrics, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var result = await entryPoint.HandleAsync(payload, deadline, cancellationToken);
        var outcomes = result.Outcomes;
        int posted = 0, skipped = 0, folded = 0, failed = 0;
        var bursts = new HashSet<string>(StringComparer.Ordinal);
        string? firstFailure = null;
        foreach (var outcome in outcomes)
        {
            Count(outcome, metrics, bursts);
            switch (outcome.Kind)
            {
                case OutcomeKind.Delivered:
                    posted++;
                    log.Info(outcome.Describe());
                    break;
                case OutcomeKind.Folded:
                    folded++;
                    log.Info(outcome.Describe());
                    break;
                case OutcomeKind.Skipped:
                    skipped++;
                    log.Info(outcome.Describe());
                    break;
                default:
                    failed++;
                    firstFailure ??= outcome.Reason;
                    log.Error(outcome.Describe());
                    break;
            }

            if (outcome.Delivery?.Note is { } note)
            {
                // A failed DM or e-mail lookup: worth a line, not a retry of the invocation.
                log.Warn($"{note} (event {outcome.EventId ?? "without id"})");
            }
        }

        if (result.Response is { } response)
        {
            if (failed > 0)
            {
                log.Warn($"{failed} of {outcomes.Count} outcomes not delivered (posted {posted}, folded {folded}, skipped {skipped}); their records are named in the batch response, to be received again: {firstFailure}");
            }

            return response;
        }

        if (failed > 0)
        {
            throw new AlertDeliveryException(
                $"{failed} of {outcomes.Count} sign-in events not delivered (posted {posted}, skipped {skipped}): {firstFailure}");
        }

        return new InvocationSummary(posted, skipped).ToUtf8Json();
    }

    /// <summary>
    /// The one place an outcome becomes metrics. An alert every destination of which had taken it already counts as a
    /// duplicate avoided, not as posted. A burst (failed sign-ins posted as one summary alert) counts once in
    /// <see cref="InvocationMetrics.BurstFolded"/>, by the first of its folded events (their reason is the summary's ID,
    /// kept in <paramref name="bursts"/>); the summary itself is counted as posted or failed like any alert.
    /// </summary>
    internal static void Count(EventOutcome outcome, InvocationMetrics metrics, ISet<string> bursts)
    {
        ArgumentNullException.ThrowIfNull(bursts);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(metrics);
        var severity = outcome.Alert?.Severity;
        var duplicates = outcome.Delivery?.Duplicates ?? 0;
        if (duplicates > 0)
        {
            metrics.DuplicatesAvoided(severity, duplicates);
        }

        switch (outcome.Kind)
        {
            case OutcomeKind.Delivered when duplicates > 0 && duplicates >= outcome.Delivery!.Channels.Count + (outcome.Delivery.DirectMessage is null ? 0 : 1):
                break;
            case OutcomeKind.Delivered:
                metrics.Posted(severity);
                break;
            case OutcomeKind.Skipped:
                metrics.Skipped(severity);
                break;
            case OutcomeKind.Folded:
                if (bursts.Add(outcome.Reason ?? string.Empty))
                {
                    metrics.BurstFolded(severity);
                }

                break;
            default:
                metrics.Failed(severity);
                break;
        }
    }
}
