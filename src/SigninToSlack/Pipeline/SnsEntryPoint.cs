using System.Text;
using SigninToSlack.Events;

namespace SigninToSlack.Pipeline;

/// <summary>The entry point for an SNS topic that carries the EventBridge events: every record is handled.</summary>
internal sealed class SnsEntryPoint(SigninPipeline pipeline) : IEntryPoint
{
    public async Task<IReadOnlyList<EventOutcome>> HandleAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        switch (EnvelopeDetector.Detect(input.Span))
        {
            case EnvelopeKind.Sns:
                break;
            case EnvelopeKind.EventBridge:
                throw new EventFormatException("received an EventBridge event, but SIGNIN_HANDLER is Sns: set SIGNIN_HANDLER=EventBridge for a function an EventBridge rule targets");
            default:
                throw new EventFormatException("input is not an SNS notification (it has no Records)");
        }

        var records = EventReader.ReadSns(input.Span).Records;
        if (records is null || records.Count == 0)
        {
            throw new EventFormatException("SNS notification has no records");
        }

        // Each record stands alone: one that fails does not keep the others from being delivered.
        var outcomes = new List<EventOutcome>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var sns = records[i]?.Sns;
            var label = $"SNS record {i + 1} (message {sns?.MessageId ?? "without id"})";
            if (sns?.Message is not { } message)
            {
                outcomes.Add(EventOutcome.Failed(sns?.MessageId, null, $"{label} has no Message"));
                continue;
            }

            try
            {
                var evt = EventReader.ReadEventBridge(Encoding.UTF8.GetBytes(message));
                outcomes.Add(await pipeline.ProcessAsync(evt, cancellationToken));
            }
            catch (EventFormatException ex)
            {
                outcomes.Add(EventOutcome.Failed(sns.MessageId, null, $"{label}: {ex.Message}"));
            }
        }

        return outcomes;
    }
}
