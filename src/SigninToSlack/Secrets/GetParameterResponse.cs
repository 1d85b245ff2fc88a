using System.Text.Json.Serialization;

namespace SigninToSlack.Secrets;

/// <summary>SSM GetParameter's output (also what the extension answers); only the value is read.</summary>
internal sealed record GetParameterResponse([property: JsonPropertyName("Parameter")] StoredParameter? Parameter);
