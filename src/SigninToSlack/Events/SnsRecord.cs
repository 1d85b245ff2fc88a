using System.Text.Json.Serialization;

namespace SigninToSlack.Events;

/// <summary>One record of an SNS notification.</summary>
internal sealed record SnsRecord
{
    [JsonPropertyName("EventSource")]
    public string? EventSource { get; init; }

    [JsonPropertyName("EventSubscriptionArn")]
    public string? EventSubscriptionArn { get; init; }

    [JsonPropertyName("Sns")]
    public SnsMessage? Sns { get; init; }
}
