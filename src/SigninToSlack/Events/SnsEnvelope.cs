using System.Text.Json.Serialization;

namespace SigninToSlack.Events;

/// <summary>The SNS notification Lambda receives: one or more records, each with a message.</summary>
internal sealed record SnsEnvelope
{
    [JsonPropertyName("Records")]
    public IReadOnlyList<SnsRecord?>? Records { get; init; }
}
