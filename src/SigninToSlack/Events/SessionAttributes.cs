using System.Text.Json.Serialization;

namespace SigninToSlack.Events;

/// <summary>Attributes of a session; CloudTrail writes the flag as the string "true" or "false".</summary>
internal sealed record SessionAttributes
{
    [JsonPropertyName("creationDate")]
    public string? CreationDate { get; init; }

    [JsonPropertyName("mfaAuthenticated")]
    public string? MfaAuthenticated { get; init; }
}
