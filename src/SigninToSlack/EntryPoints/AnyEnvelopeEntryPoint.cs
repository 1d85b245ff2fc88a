using SigninToSlack.Events;
using SigninToSlack.Processing;

namespace SigninToSlack.EntryPoints;

/// <summary>
/// The local invoke's entry point: the envelope decides, as SIGNIN_HANDLER does for the deployed function, and a bare
/// CloudTrail record (as copied from the CloudTrail console) is read too.
/// </summary>
internal sealed class AnyEnvelopeEntryPoint(SigninProcessor processor) : IEntryPoint
{
    public async Task<EntryPointResult> HandleAsync(ReadOnlyMemory<byte> input, DateTimeOffset deadline, CancellationToken cancellationToken) =>
        EnvelopeDetector.Detect(input.Span) switch
        {
            EnvelopeKind.EventBridge => await new EventBridgeEntryPoint(processor).HandleAsync(input, deadline, cancellationToken),
            EnvelopeKind.Sns => await new SnsEntryPoint(processor).HandleAsync(input, deadline, cancellationToken),
            EnvelopeKind.CloudTrailRecord => new EntryPointResult([await processor.ProcessAsync(input, bareRecord: true, deadline, cancellationToken)]),
            _ => throw new EventFormatException("not a sign-in event: expected an EventBridge event, an SNS notification or a CloudTrail record"),
        };
}
