using System.Text.Json.Serialization;

namespace SigninToSlack.Slack;

/// <summary>An incoming-webhook message: top-level text for notifications, and one coloured attachment with the blocks.</summary>
internal sealed record SlackMessage
{
    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("attachments")]
    public required IReadOnlyList<SlackAttachment> Attachments { get; init; }

    /// <summary>Event values can contain URLs; no preview is ever fetched for them.</summary>
    [JsonPropertyName("unfurl_links")]
    public bool UnfurlLinks { get; init; }

    [JsonPropertyName("unfurl_media")]
    public bool UnfurlMedia { get; init; }
}
