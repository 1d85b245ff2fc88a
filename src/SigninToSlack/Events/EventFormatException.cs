namespace SigninToSlack.Events;

/// <summary>The input is not an event this function can read; the message is one line and quotes no secret.</summary>
internal sealed class EventFormatException(string message, Exception? innerException = null) : FunctionException(message, innerException);
