namespace SigninToSlack.EntryPoints;

/// <summary>At least one event of an invocation was not delivered; failing the invocation keeps the event for retry.</summary>
internal sealed class AlertDeliveryException(string message, Exception? innerException = null) : FunctionException(message, innerException);
