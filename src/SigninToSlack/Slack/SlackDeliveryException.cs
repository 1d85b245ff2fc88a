namespace SigninToSlack.Slack;

/// <summary>A payload was not delivered; the message gives Slack's status and answer, never the webhook URL.</summary>
internal sealed class SlackDeliveryException : Exception
{
    public SlackDeliveryException(string message)
        : base(message)
    {
    }

    public SlackDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SlackDeliveryException()
    {
    }
}
