using System.Text.Json.Serialization;

namespace SigninToSlack.Events;

/// <summary>The IAM Identity Center user an identity acts for.</summary>
internal sealed record OnBehalfOf
{
    [JsonPropertyName("userId")]
    public string? UserId { get; init; }

    [JsonPropertyName("identityStoreArn")]
    public string? IdentityStoreArn { get; init; }
}
