namespace SigninToSlack.Secrets;

/// <summary>A secret setting's current value: fixed, or resolved from its reference (and cached) when asked.</summary>
internal interface ISecret<T>
{
    /// <exception cref="SecretResolutionException">The reference could not be resolved, or its value is invalid.</exception>
    ValueTask<T> GetAsync(CancellationToken cancellationToken);
}
