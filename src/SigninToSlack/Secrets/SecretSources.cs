using SigninToSlack.Aws;
using SigninToSlack.Configuration;

namespace SigninToSlack.Secrets;

/// <summary>Fetches a stored secret: a parameter's (decrypted) value, or a secret's SecretString.</summary>
internal interface ISecretSource
{
    /// <exception cref="SecretResolutionException">The secret could not be fetched; the message is the reason only (e.g. ParameterNotFound).</exception>
    Task<string> FetchAsync(SecretKind kind, string id, CancellationToken cancellationToken);
}

/// <summary>The two ways the program fetches stored secrets.</summary>
internal static class SecretSources
{
    /// <summary>In Lambda: the Parameters and Secrets extension when its layer is added, else the services directly; throttling is retried.</summary>
    public static ISecretSource ForLambda(HttpClient http, Func<string, string?> environment, int extensionPort, TimeProvider timeProvider, TimeSpan? retryDelay = null)
    {
        var aws = new AwsEnvironment(environment);
        return new RetryingSecretSource(
            new ExtensionFirstSecretSource(
                new ExtensionSecretSource(http, ExtensionSecretSource.Address(extensionPort), aws.SessionToken, timeProvider),
                new AwsSecretSource(new AwsJsonClient(http, timeProvider), aws, timeProvider)),
            timeProvider,
            retryDelay);
    }

    /// <summary>On a workstation no extension runs: the services directly, with the credentials in the environment; throttling is retried.</summary>
    public static ISecretSource Direct(HttpClient http, Func<string, string?> environment, TimeProvider timeProvider, TimeSpan? retryDelay = null) =>
        new RetryingSecretSource(new AwsSecretSource(new AwsJsonClient(http, timeProvider), new AwsEnvironment(environment), timeProvider), timeProvider, retryDelay);
}

/// <summary>
/// The deployed function's source: the Parameters and Secrets extension when its layer is there, else the services
/// directly. The first refused connection settles it for the container's life.
/// </summary>
internal sealed class ExtensionFirstSecretSource(ExtensionSecretSource extension, ISecretSource direct) : ISecretSource
{
    private volatile bool _noExtension;

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
