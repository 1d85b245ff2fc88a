using System.Text.Json.Serialization;

namespace SigninToSlack.Slack;

/// <summary>A header: plain text of at most 150 characters.</summary>
internal sealed record HeaderBlock(
    [property: JsonPropertyName("text")] SlackText Text) : SlackBlock;
