using SigninToSlack.Logging;
using SigninToSlack.Processing;
using SigninToSlack.Serialization;

namespace SigninToSlack.EntryPoints;

/// <summary>
/// What the Lambda host calls: runs the configured entry point, logs one line per event, and fails the
/// invocation when any event was not delivered.
/// </summary>
internal sealed class FunctionHandler(IEntryPoint entryPoint, FunctionLogger log)
{
    /// <param name="deadline">When <paramref name="cancellationToken"/> will fire: the invocation's deadline.</param>
    /// <exception cref="AlertDeliveryException">An event was not delivered.</exception>
    /// <exception cref="Events.EventFormatException">The input could not be read.</exception>
    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var outcomes = await entryPoint.HandleAsync(payload, deadline, cancellationToken);
        int posted = 0, skipped = 0, failed = 0;
        string? firstFailure = null;
        foreach (var outcome in outcomes)
        {
            switch (outcome.Kind)
            {
                case OutcomeKind.Delivered:
                    posted++;
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

        if (failed > 0)
        {
            throw new AlertDeliveryException(
                $"{failed} of {outcomes.Count} sign-in events not delivered (posted {posted}, skipped {skipped}): {firstFailure}");
        }

        return new InvocationSummary(posted, skipped).ToUtf8Json();
    }
}
