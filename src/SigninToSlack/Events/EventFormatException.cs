namespace SigninToSlack.Events;

/// <summary>The input is not an event this function can read; the message is one line and quotes no secret.</summary>
internal sealed class EventFormatException : Exception
{
    public EventFormatException(string message)
        : base(message)
    {
    }

    public EventFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EventFormatException()
    {
    }
}
