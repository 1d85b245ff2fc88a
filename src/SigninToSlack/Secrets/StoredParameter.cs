using System.Text.Json.Serialization;

namespace SigninToSlack.Secrets;

/// <summary>The parameter in GetParameter's output.</summary>
internal sealed class StoredParameter
{
    [JsonPropertyName("Value")]
    public string? Value { get; init; }

    /// <summary>Never prints the value.</summary>
    public override string ToString() => nameof(StoredParameter);
}
