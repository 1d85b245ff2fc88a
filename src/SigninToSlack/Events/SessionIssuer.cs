using System.Text.Json.Serialization;

namespace SigninToSlack.Events;

/// <summary>The principal (usually a role) that issued a session's credentials.</summary>
internal sealed record SessionIssuer
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("arn")]
    public string? Arn { get; init; }

    [JsonPropertyName("userName")]
    public string? UserName { get; init; }
}
