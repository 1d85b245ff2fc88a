using System.Text.Json.Serialization;

namespace SigninToSlack.Secrets;

/// <summary>Secrets Manager GetSecretValue's output (also what the extension answers); only SecretString is read.</summary>
internal sealed class GetSecretValueResponse
{
    [JsonPropertyName("SecretString")]
    public string? SecretString { get; init; }

    /// <summary>Never prints the value.</summary>
    public override string ToString() => nameof(GetSecretValueResponse);
}
