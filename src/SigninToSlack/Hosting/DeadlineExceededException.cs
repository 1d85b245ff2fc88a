namespace SigninToSlack.Hosting;

/// <summary>The invocation's deadline came before the handler finished.</summary>
internal sealed class DeadlineExceededException : Exception
{
    public DeadlineExceededException(string message)
        : base(message)
    {
    }

    public DeadlineExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DeadlineExceededException()
    {
    }
}
