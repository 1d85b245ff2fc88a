using System.Text.Json.Serialization;

namespace SigninToSlack.Slack;

/// <summary>The user in a users.lookupByEmail answer; only the member ID is read.</summary>
internal sealed record SlackApiUser([property: JsonPropertyName("id")] string? Id);
