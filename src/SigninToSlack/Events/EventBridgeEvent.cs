using System.Text.Json.Serialization;

namespace SigninToSlack.Events;

/// <summary>An EventBridge event as Lambda receives it from a rule; <see cref="Detail"/> is the CloudTrail record.</summary>
internal sealed record EventBridgeEvent
{
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("detail-type")]
    public string? DetailType { get; init; }

    [JsonPropertyName("source")]
    public string? Source { get; init; }

    [JsonPropertyName("account")]
    public string? Account { get; init; }

    [JsonPropertyName("time")]
    public string? Time { get; init; }

    [JsonPropertyName("region")]
    public string? Region { get; init; }

    [JsonPropertyName("detail")]
    public CloudTrailRecord? Detail { get; init; }
}
