namespace SigninToSlack.Secrets;

/// <summary>A referenced secret could not be resolved; the message names the setting and the reference, never a value.</summary>
internal sealed class SecretResolutionException(string message, Exception? innerException = null) : FunctionException(message, innerException)
{
    /// <summary>The service was throttling or failing (429, 5xx, a throttling error): the same call may work a moment later.</summary>
    public bool IsTransient { get; init; }
}
