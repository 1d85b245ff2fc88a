namespace SigninToSlack.Secrets;

/// <summary>Fetches a stored secret: a parameter's (decrypted) value, or a secret's SecretString.</summary>
internal interface ISecretSource
{
    /// <exception cref="SecretResolutionException">The secret could not be fetched; the message is the reason only (e.g. ParameterNotFound).</exception>
    Task<string> FetchAsync(SecretKind kind, string id, CancellationToken cancellationToken);
}
