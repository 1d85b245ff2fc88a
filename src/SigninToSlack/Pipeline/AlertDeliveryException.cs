namespace SigninToSlack.Pipeline;

/// <summary>At least one event of an invocation was not delivered; failing the invocation keeps the event for retry.</summary>
internal sealed class AlertDeliveryException : Exception
{
    public AlertDeliveryException(string message)
        : base(message)
    {
    }

    public AlertDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AlertDeliveryException()
    {
    }
}
