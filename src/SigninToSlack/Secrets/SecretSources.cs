using SigninToSlack.Aws;

namespace SigninToSlack.Secrets;

/// <summary>The two ways the program fetches stored secrets.</summary>
internal static class SecretSources
{
    /// <summary>In Lambda: the Parameters and Secrets extension when its layer is added, else the services directly.</summary>
    public static ISecretSource ForLambda(HttpClient http, Func<string, string?> environment, int extensionPort, TimeProvider timeProvider)
    {
        var aws = new AwsEnvironment(environment);
        return new ExtensionFirstSecretSource(
            new ExtensionSecretSource(http, ExtensionSecretSource.Address(extensionPort), aws.SessionToken, timeProvider),
            new AwsSecretSource(new AwsJsonClient(http, timeProvider), aws, timeProvider));
    }

    /// <summary>On a workstation no extension runs: the services directly, with the credentials in the environment.</summary>
    public static ISecretSource Direct(HttpClient http, Func<string, string?> environment, TimeProvider timeProvider) =>
        new AwsSecretSource(new AwsJsonClient(http, timeProvider), new AwsEnvironment(environment), timeProvider);
}
