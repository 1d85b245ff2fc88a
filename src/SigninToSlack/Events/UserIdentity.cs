using System.Text.Json.Serialization;

namespace SigninToSlack.Events;

/// <summary>The CloudTrail <c>userIdentity</c>: who made the request, in one of several shapes by <see cref="Type"/>.</summary>
internal sealed record UserIdentity
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("principalId")]
    public string? PrincipalId { get; init; }

    [JsonPropertyName("arn")]
    public string? Arn { get; init; }

    [JsonPropertyName("accountId")]
    public string? AccountId { get; init; }

    [JsonPropertyName("userName")]
    public string? UserName { get; init; }

    [JsonPropertyName("sessionContext")]
    public SessionContext? SessionContext { get; init; }

    [JsonPropertyName("onBehalfOf")]
    public OnBehalfOf? OnBehalfOf { get; init; }
}
