using SigninToSlack.Alerts;
using SigninToSlack.Events;
using SigninToSlack.Slack;

namespace SigninToSlack.Pipeline;

/// <summary>The one path every entry point feeds: event → alert → Slack payload → sink.</summary>
internal sealed class SigninPipeline(IPayloadSink sink)
{
    /// <exception cref="EventFormatException">The event claims to be a sign-in but cannot be read as one.</exception>
    public async Task<EventOutcome> ProcessAsync(EventBridgeEvent evt, CancellationToken cancellationToken)
    {
        var classification = AlertClassifier.Classify(evt);
        if (classification.Alert is not { } alert)
        {
            return EventOutcome.Skipped(evt.Id, classification.SkipReason!);
        }

        var payload = SlackPayload.Serialize(SlackFormatter.Format(alert));
        try
        {
            await sink.DeliverAsync(payload, cancellationToken);
            return EventOutcome.Delivered(evt.Id, alert);
        }
        catch (SlackDeliveryException ex)
        {
            return EventOutcome.Failed(evt.Id, alert, ex.Message);
        }
    }
}
