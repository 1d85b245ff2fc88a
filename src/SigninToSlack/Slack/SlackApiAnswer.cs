using System.Text.Json.Serialization;

namespace SigninToSlack.Slack;

/// <summary>What a Slack Web API method answers: ok, or the error code; users.lookupByEmail adds the user.</summary>
internal sealed record SlackApiAnswer(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("user")] SlackApiUser? User = null);
