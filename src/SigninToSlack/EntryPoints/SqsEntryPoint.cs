using System.Text.Json;
using SigninToSlack.Events;
using SigninToSlack.Processing;
using SigninToSlack.Serialization;

namespace SigninToSlack.EntryPoints;

/// <summary>
/// The entry point for an SQS queue the EventBridge rule targets, with ReportBatchItemFailures: the batch goes
/// through <see cref="BatchProcessor"/> (bursts folded), and the answer names exactly the records whose alert or
/// summary was not delivered, so that only they are received again. A record that cannot be read is named too: after
/// the queue's maxReceiveCount it moves to the dead-letter queue, where it can be looked at.
/// </summary>
internal sealed class SqsEntryPoint(BatchProcessor batch) : IEntryPoint
{
    /// <exception cref="EventFormatException">The input is not an SQS batch.</exception>
    /// <exception cref="AlertDeliveryException">A record that was not delivered has no message ID to name it by.</exception>
    public async Task<EntryPointResult> HandleAsync(ReadOnlyMemory<byte> input, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (EnvelopeDetector.Detect(input.Span) == EnvelopeKind.EventBridge)
        {
            throw new EventFormatException("received an EventBridge event, but SIGNIN_HANDLER is Sqs: set SIGNIN_HANDLER=EventBridge for a function an EventBridge rule targets");
        }

        var messages = SqsReader.Read(input.Span);
        var items = new BatchItem[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var (messageId, body) = messages[i];
            items[i] = new BatchItem(messageId, body, $"SQS record {i + 1} (message {messageId ?? "without id"})", messages[i].Problem);
        }

        var result = await batch.ProcessAsync(items, deadline, cancellationToken);
        var failures = new List<SqsBatchItemFailure>(result.Failed.Count);
        foreach (var item in result.Failed)
        {
            if (string.IsNullOrEmpty(item.ItemId))
            {
                // SQS always sends one; a record that cannot be named can only be kept by failing the whole batch.
                throw new AlertDeliveryException($"{item.Label} was not delivered and has no messageId to report it by: the whole batch is received again");
            }

            failures.Add(new SqsBatchItemFailure(item.ItemId));
        }

        var response = JsonSerializer.SerializeToUtf8Bytes(new SqsBatchResponse(failures), AppJsonSerializerContext.Default.SqsBatchResponse);
        return new EntryPointResult(result.Outcomes, response);
    }
}
