namespace SigninToSlack.Secrets;

/// <summary>A referenced secret could not be resolved; the message names the setting and the reference, never a value.</summary>
internal sealed class SecretResolutionException : Exception
{
    public SecretResolutionException(string message)
        : base(message)
    {
    }

    public SecretResolutionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SecretResolutionException()
    {
    }
}
