namespace SigninToSlack.Hosting;

/// <summary>The process was told to stop (SIGTERM) while an invocation was still running.</summary>
internal sealed class FunctionStoppedException(string message, Exception? innerException = null) : FunctionException(message, innerException);
