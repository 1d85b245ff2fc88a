using System.Text.Json.Serialization;

namespace SigninToSlack.Serialization;

/// <summary>The error document of the AWS JSON protocols; only the error type is read (never the message, which may quote input).</summary>
internal sealed record AwsErrorBody([property: JsonPropertyName("__type")] string? Type);

/// <summary>SSM GetParameter's input.</summary>
internal sealed record GetParameterRequest(
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("WithDecryption")] bool WithDecryption);

/// <summary>SSM GetParameter's output (also what the extension answers); only the value is read.</summary>
internal sealed record GetParameterResponse([property: JsonPropertyName("Parameter")] StoredParameter? Parameter);

/// <summary>The parameter in GetParameter's output.</summary>
internal sealed class StoredParameter
{
    [JsonPropertyName("Value")]
    public string? Value { get; init; }

    /// <summary>Never prints the value.</summary>
    public override string ToString() => nameof(StoredParameter);
}

/// <summary>Secrets Manager GetSecretValue's input.</summary>
internal sealed record GetSecretValueRequest([property: JsonPropertyName("SecretId")] string SecretId);

/// <summary>Secrets Manager GetSecretValue's output (also what the extension answers); only SecretString is read.</summary>
internal sealed class GetSecretValueResponse
{
    [JsonPropertyName("SecretString")]
    public string? SecretString { get; init; }

    /// <summary>Never prints the value.</summary>
    public override string ToString() => nameof(GetSecretValueResponse);
}
