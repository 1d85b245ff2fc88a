using System.Text.Json;
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
        var result = await entryPoint.HandleAsync(payload, deadline, cancellationToken);
        var outcomes = result.Outcomes;
        int posted = 0, skipped = 0, folded = 0, failed = 0;
        string? firstFailure = null;
        foreach (var outcome in outcomes)
        {
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

        return JsonSerializer.SerializeToUtf8Bytes(new InvocationSummary(posted, skipped), AppJsonSerializerContext.Default.InvocationSummary);
    }
}
