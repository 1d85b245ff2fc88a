using System.Text.Json.Serialization;

namespace SigninToSlack.Pipeline;

/// <summary>The response of a successful invocation: how many alerts were posted and events skipped.</summary>
internal sealed record InvocationSummary(
    [property: JsonPropertyName("posted")] int Posted,
    [property: JsonPropertyName("skipped")] int Skipped);
