using System.Text.Json.Serialization;

namespace SigninToSlack.Secrets;

/// <summary>Secrets Manager GetSecretValue's input.</summary>
internal sealed record GetSecretValueRequest([property: JsonPropertyName("SecretId")] string SecretId);
