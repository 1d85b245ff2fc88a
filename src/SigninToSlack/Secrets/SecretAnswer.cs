using System.Text.Json;
using SigninToSlack.Configuration;
using SigninToSlack.Serialization;

namespace SigninToSlack.Secrets;

/// <summary>Reads the value out of GetParameter's and GetSecretValue's answers, which the extension passes on unchanged.</summary>
internal static class SecretAnswer
{
    /// <exception cref="SecretResolutionException">The answer holds no value.</exception>
    public static string Value(SecretKind kind, ReadOnlySpan<byte> body)
    {
        try
        {
            var value = kind == SecretKind.Ssm
                ? JsonSerializer.Deserialize(body, AppJsonSerializerContext.Default.GetParameterResponse)?.Parameter?.Value
                : JsonSerializer.Deserialize(body, AppJsonSerializerContext.Default.GetSecretValueResponse)?.SecretString;
            return value ?? throw new SecretResolutionException(kind == SecretKind.Ssm
                ? "the answer has no Parameter.Value"
                : "the secret has no SecretString (a binary secret cannot be used)");
        }
        catch (JsonException)
        {
            // JsonException's message may quote the body, which holds the secret.
            throw new SecretResolutionException("the answer is not the expected JSON");
        }
    }
}
