using System.Text.Json.Serialization;

namespace SigninToSlack.Events;

/// <summary>An SNS message; <see cref="Message"/> holds the EventBridge event as JSON text.</summary>
internal sealed record SnsMessage
{
    [JsonPropertyName("Type")]
    public string? Type { get; init; }

    [JsonPropertyName("MessageId")]
    public string? MessageId { get; init; }

    [JsonPropertyName("TopicArn")]
    public string? TopicArn { get; init; }

    [JsonPropertyName("Message")]
    public string? Message { get; init; }

    [JsonPropertyName("Timestamp")]
    public string? Timestamp { get; init; }
}
