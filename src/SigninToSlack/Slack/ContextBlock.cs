using System.Text.Json.Serialization;

namespace SigninToSlack.Slack;

/// <summary>A context block: small secondary text.</summary>
internal sealed record ContextBlock(
    [property: JsonPropertyName("elements")] IReadOnlyList<SlackText> Elements) : SlackBlock;
