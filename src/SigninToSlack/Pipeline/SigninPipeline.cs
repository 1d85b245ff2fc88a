using System.Buffers;
using SigninToSlack.Events;
using SigninToSlack.Slack;

namespace SigninToSlack.Pipeline;

/// <summary>The one path every entry point feeds: event bytes → alert → Slack payload → sink.</summary>
internal sealed class SigninPipeline(IPayloadSink sink)
{
    /// <param name="eventJson">An EventBridge event, or with <paramref name="bareRecord"/> a CloudTrail record.</param>
    /// <exception cref="EventFormatException">The event claims to be a sign-in but cannot be read as one.</exception>
    public async Task<EventOutcome> ProcessAsync(ReadOnlyMemory<byte> eventJson, bool bareRecord, CancellationToken cancellationToken)
    {
        var payload = new ArrayBufferWriter<byte>(2048);
        var classification = PayloadPipeline.Write(eventJson.Span, payload, bareRecord);
        if (classification.Alert is not { } alert)
        {
            return EventOutcome.Skipped(classification.EventId, classification.SkipReason!);
        }

        try
        {
            await sink.DeliverAsync(payload.WrittenMemory, cancellationToken);
            return EventOutcome.Delivered(classification.EventId, alert);
        }
        catch (SlackDeliveryException ex)
        {
            return EventOutcome.Failed(classification.EventId, alert, ex.Message);
        }
    }
}
