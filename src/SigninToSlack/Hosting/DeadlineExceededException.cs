namespace SigninToSlack.Hosting;

/// <summary>The invocation's deadline came before the handler finished.</summary>
internal sealed class DeadlineExceededException(string message, Exception? innerException = null) : FunctionException(message, innerException);
