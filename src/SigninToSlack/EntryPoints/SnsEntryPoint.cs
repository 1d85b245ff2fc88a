using SigninToSlack.Events;
using SigninToSlack.Processing;

namespace SigninToSlack.EntryPoints;

/// <summary>
/// The entry point for an SNS topic that carries the EventBridge events: every record is handled, and a record that
/// fails, whatever the fault, fails alone. Only the caller's cancellation (the deadline) ends the others.
/// </summary>
internal sealed class SnsEntryPoint(SigninProcessor processor) : IEntryPoint
{
    public async Task<EntryPointResult> HandleAsync(ReadOnlyMemory<byte> input, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        switch (EnvelopeDetector.Detect(input.Span))
        {
            case EnvelopeKind.Sns:
                break;
            case EnvelopeKind.EventBridge:
                throw new EventFormatException("received an EventBridge event, but SIGNIN_HANDLER is Sns: set SIGNIN_HANDLER=EventBridge for a function an EventBridge rule targets");
            case EnvelopeKind.Sqs:
                throw new EventFormatException("received an SQS batch, but SIGNIN_HANDLER is Sns: set SIGNIN_HANDLER=Sqs for a function fed by a queue");
            default:
                throw new EventFormatException("input is not an SNS notification (it has no Records)");
        }

        // Each record stands alone: one that fails does not keep the others from being delivered.
        var messages = SnsReader.Read(input.Span);
        var outcomes = new List<EventOutcome>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var (messageId, body) = messages[i];
            var label = $"SNS record {i + 1} (message {messageId ?? "without id"})";
            if (body is null)
            {
                outcomes.Add(EventOutcome.Failed(messageId, null, $"{label} {messages[i].Problem ?? "has no Message"}"));
                continue;
            }

            try
            {
                outcomes.Add(await processor.ProcessAsync(body, bareRecord: false, deadline, cancellationToken));
            }
            catch (FunctionException ex)
            {
                outcomes.Add(EventOutcome.Failed(messageId, null, $"{label}: {ex.Message}"));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A fault no part of the function names: its type only, since its message could quote a secret.
                outcomes.Add(EventOutcome.Failed(messageId, null, $"{label}: unexpected {ex.GetType().Name}"));
            }
        }

        return new EntryPointResult(outcomes);
    }
}
