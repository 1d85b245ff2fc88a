using SigninToSlack.Secrets;
using SigninToSlack.Configuration;

namespace SigninToSlack.Tests.Support;

/// <summary>Environments and helpers for resolving secrets against moto_server or the extension stand-in.</summary>
internal static class SecretsEnvironment
{
    /// <summary>What Lambda would set, pointed at moto: any keys do while moto's authentication is off.</summary>
    public static Dictionary<string, string?> ForMoto(Uri endpoint, string accessKeyId = "testing", string secretAccessKey = "testing", string? sessionToken = null) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = accessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = secretAccessKey,
        ["AWS_SESSION_TOKEN"] = sessionToken,
        ["AWS_REGION"] = MotoServer.Region,
        ["AWS_ENDPOINT_URL"] = endpoint.ToString(),
    };

    /// <summary>Resolves <paramref name="reference"/> as the function would, through a cache and a plain-string setting.</summary>
    public static async Task<string> ResolveAsync(ISecretSource source, string reference, TimeProvider? timeProvider = null)
    {
        var setting = SecretSetting<string>.Referenced("TEST_SECRET", SecretReference.Parse(reference)!, AnyString);
        return await setting.Bind(new SecretCache(source, TimeSpan.FromMinutes(5), timeProvider ?? TimeProvider.System)).GetAsync(CancellationToken.None);
    }

    private static string? AnyString(string value, out string? result)
    {
        result = value;
        return null;
    }
}
