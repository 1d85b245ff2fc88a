using System.Text.Json.Serialization;

namespace SigninToSlack.Events;

/// <summary>The session behind temporary credentials: the role (issuer) and its attributes.</summary>
internal sealed record SessionContext
{
    [JsonPropertyName("sessionIssuer")]
    public SessionIssuer? SessionIssuer { get; init; }

    [JsonPropertyName("attributes")]
    public SessionAttributes? Attributes { get; init; }
}
