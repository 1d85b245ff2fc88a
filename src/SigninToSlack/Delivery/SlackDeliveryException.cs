namespace SigninToSlack.Delivery;

/// <summary>A payload was not delivered; the message gives Slack's status and answer, never the webhook URL.</summary>
internal sealed class SlackDeliveryException(string message, Exception? innerException = null) : FunctionException(message, innerException)
{
    /// <summary>Slack's HTTP status when it answered with a failure; null when it did not answer (or the request was never sent).</summary>
    public int? Status { get; init; }
}
