namespace SigninToSlack.Secrets;

/// <summary>
/// The deployed function's source: the Parameters and Secrets extension when its layer is there, else the services
/// directly. The first refused connection settles it for the container's life.
/// </summary>
internal sealed class ExtensionFirstSecretSource(ExtensionSecretSource extension, ISecretSource direct) : ISecretSource
{
    private volatile bool _noExtension;

    /// <summary>True once a call found no extension listening.</summary>
    public bool UsesDirectCalls => _noExtension;

    public async Task<string> FetchAsync(SecretKind kind, string id, CancellationToken cancellationToken)
    {
        if (!_noExtension)
        {
            if (await extension.TryFetchAsync(kind, id, cancellationToken) is { } value)
            {
                return value;
            }

            _noExtension = true;
        }

        return await direct.FetchAsync(kind, id, cancellationToken);
    }
}
