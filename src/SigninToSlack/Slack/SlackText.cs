using System.Text.Json.Serialization;

namespace SigninToSlack.Slack;

/// <summary>A Block Kit text object, <c>plain_text</c> or <c>mrkdwn</c>.</summary>
internal sealed record SlackText(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("emoji")] bool? Emoji = null)
{
    public static SlackText Plain(string text) => new("plain_text", text, true);

    public static SlackText Mrkdwn(string text) => new("mrkdwn", text);
}
