namespace SigninToSlack.Delivery;

/// <summary>A payload was not delivered; the message gives Slack's status and answer, never the webhook URL.</summary>
internal sealed class SlackDeliveryException(string message, Exception? innerException = null) : FunctionException(message, innerException);
