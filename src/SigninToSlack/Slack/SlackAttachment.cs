using System.Text.Json.Serialization;

namespace SigninToSlack.Slack;

/// <summary>A legacy attachment, used for the coloured bar beside the blocks.</summary>
internal sealed record SlackAttachment
{
    [JsonPropertyName("color")]
    public required string Color { get; init; }

    [JsonPropertyName("fallback")]
    public string? Fallback { get; init; }

    [JsonPropertyName("blocks")]
    public required IReadOnlyList<SlackBlock> Blocks { get; init; }
}
