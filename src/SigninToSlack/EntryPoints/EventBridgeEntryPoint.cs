using SigninToSlack.Events;
using SigninToSlack.Processing;

namespace SigninToSlack.EntryPoints;

/// <summary>The entry point for an EventBridge rule that targets the function directly.</summary>
internal sealed class EventBridgeEntryPoint(SigninProcessor processor) : IEntryPoint
{
    public async Task<EntryPointResult> HandleAsync(ReadOnlyMemory<byte> input, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        switch (EnvelopeDetector.Detect(input.Span))
        {
            case EnvelopeKind.EventBridge:
                return new EntryPointResult([await processor.ProcessAsync(input, bareRecord: false, deadline, cancellationToken)]);
            case EnvelopeKind.Sns:
                throw new EventFormatException("received an SNS notification, but SIGNIN_HANDLER is EventBridge: set SIGNIN_HANDLER=Sns for a function subscribed to an SNS topic");
            case EnvelopeKind.Sqs:
                throw new EventFormatException("received an SQS batch, but SIGNIN_HANDLER is EventBridge: set SIGNIN_HANDLER=Sqs for a function fed by a queue");
            default:
                throw new EventFormatException("input is not an EventBridge event (it has no detail-type or detail)");
        }
    }
}
