using System.Text.Json.Serialization;

namespace SigninToSlack.Secrets;

/// <summary>SSM GetParameter's input.</summary>
internal sealed record GetParameterRequest(
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("WithDecryption")] bool WithDecryption);
