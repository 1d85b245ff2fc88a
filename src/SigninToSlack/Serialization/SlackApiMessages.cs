using System.Text.Json.Serialization;

namespace SigninToSlack.Serialization;

/// <summary>What a Slack Web API method answers: ok, or the error code; users.lookupByEmail adds the user.</summary>
internal sealed record SlackApiAnswer(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("user")] SlackApiUser? User = null);

/// <summary>The user in a users.lookupByEmail answer; only the member ID is read.</summary>
internal sealed record SlackApiUser([property: JsonPropertyName("id")] string? Id);
