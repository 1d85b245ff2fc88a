using SigninToSlack.Events;
using SigninToSlack.Processing;

namespace SigninToSlack.EntryPoints;

/// <summary>
/// The local invoke's entry point: the envelope decides, as SIGNIN_HANDLER does for the deployed function, and a bare
/// CloudTrail record (as copied from the CloudTrail console) is read too. An SQS batch goes through the queue's own
/// entry point, bursts folded and the batch response answered, as SIGNIN_HANDLER=Sqs takes it.
/// </summary>
internal sealed class AnyEnvelopeEntryPoint(SigninProcessor processor, BatchProcessor batch) : IEntryPoint
{
    public async Task<EntryPointResult> HandleAsync(ReadOnlyMemory<byte> input, DateTimeOffset deadline, CancellationToken cancellationToken) =>
        EnvelopeDetector.Detect(input.Span) switch
        {
            EnvelopeKind.EventBridge => await new EventBridgeEntryPoint(processor).HandleAsync(input, deadline, cancellationToken),
            EnvelopeKind.Sns => await new SnsEntryPoint(processor).HandleAsync(input, deadline, cancellationToken),
            EnvelopeKind.Sqs => await new SqsEntryPoint(batch).HandleAsync(input, deadline, cancellationToken),
            EnvelopeKind.CloudTrailRecord => new EntryPointResult([await processor.ProcessAsync(input, bareRecord: true, deadline, cancellationToken)]),
            _ => throw new EventFormatException("not a sign-in event: expected an EventBridge event, an SNS notification, an SQS batch or a CloudTrail record"),
        };
}
