namespace SigninToSlack;

/// <summary>
/// A fault the function reports in one line: the message says what failed, quotes no secret and may be logged and
/// returned to the Runtime API as it is. Each concern names its own kind of fault after this one.
/// </summary>
internal abstract class FunctionException(string message, Exception? innerException = null) : Exception(message, innerException);
