namespace SigninToSlack.Hosting;

/// <summary>The Runtime API could not be reached or gave an answer the loop cannot use; the message is one line.</summary>
internal sealed class RuntimeApiException(string message, Exception? innerException = null) : FunctionException(message, innerException);
