using System.Text.Json.Serialization;

namespace SigninToSlack.Slack;

/// <summary>A section: text of at most 3000 characters and/or up to 10 fields of at most 2000.</summary>
internal sealed record SectionBlock : SlackBlock
{
    [JsonPropertyName("text")]
    public SlackText? Text { get; init; }

    [JsonPropertyName("fields")]
    public IReadOnlyList<SlackText>? Fields { get; init; }
}
