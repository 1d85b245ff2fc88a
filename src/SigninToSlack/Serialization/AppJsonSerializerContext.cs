using System.Text.Json.Serialization;
using SigninToSlack.Hosting;
using SigninToSlack.Pipeline;

namespace SigninToSlack.Serialization;

/// <summary>
/// The one source-generated context for the types the function serializes whole. Events are read, and Slack
/// payloads written, in one pass with Utf8JsonReader and Utf8JsonWriter instead: they are the per-event hot path.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(InvocationSummary))]
internal sealed partial class AppJsonSerializerContext : JsonSerializerContext;
