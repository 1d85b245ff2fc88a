using System.Text.Json;
using System.Text.Json.Serialization;

namespace SigninToSlack.Events;

/// <summary>The fields of a CloudTrail sign-in record that an alert needs; every one may be missing.</summary>
internal sealed record CloudTrailRecord
{
    [JsonPropertyName("eventVersion")]
    public string? EventVersion { get; init; }

    [JsonPropertyName("userIdentity")]
    public UserIdentity? UserIdentity { get; init; }

    [JsonPropertyName("eventTime")]
    public string? EventTime { get; init; }

    [JsonPropertyName("eventSource")]
    public string? EventSource { get; init; }

    [JsonPropertyName("eventName")]
    public string? EventName { get; init; }

    [JsonPropertyName("awsRegion")]
    public string? AwsRegion { get; init; }

    [JsonPropertyName("sourceIPAddress")]
    public string? SourceIpAddress { get; init; }

    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }

    [JsonPropertyName("errorCode")]
    public string? ErrorCode { get; init; }

    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; init; }

    /// <summary>For console events, an object whose property named after the event holds Success or Failure.</summary>
    [JsonPropertyName("responseElements")]
    public JsonElement? ResponseElements { get; init; }

    [JsonPropertyName("additionalEventData")]
    public AdditionalEventData? AdditionalEventData { get; init; }

    /// <summary>For IAM Identity Center events, where the outcome is recorded instead of responseElements.</summary>
    [JsonPropertyName("serviceEventDetails")]
    public JsonElement? ServiceEventDetails { get; init; }

    [JsonPropertyName("eventID")]
    public string? EventId { get; init; }

    [JsonPropertyName("eventType")]
    public string? EventType { get; init; }

    [JsonPropertyName("recipientAccountId")]
    public string? RecipientAccountId { get; init; }
}
