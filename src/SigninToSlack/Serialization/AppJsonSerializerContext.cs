using System.Text.Json.Serialization;

namespace SigninToSlack.Serialization;

/// <summary>
/// The one source-generated context for the types the function serializes whole. Events are read, and Slack
/// payloads written, in one pass with Utf8JsonReader and Utf8JsonWriter instead: they are the per-event hot path.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(InvocationSummary))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(GetParameterRequest))]
[JsonSerializable(typeof(GetParameterResponse))]
[JsonSerializable(typeof(GetSecretValueRequest))]
[JsonSerializable(typeof(GetSecretValueResponse))]
[JsonSerializable(typeof(AwsErrorBody))]
[JsonSerializable(typeof(DynamoRequest))]
[JsonSerializable(typeof(DynamoGetItemResponse))]
[JsonSerializable(typeof(DynamoBatchGetRequest))]
[JsonSerializable(typeof(DynamoBatchGetResponse))]
[JsonSerializable(typeof(SlackApiAnswer))]
[JsonSerializable(typeof(FunctionUrlRequest))]
[JsonSerializable(typeof(FunctionUrlResponse))]
[JsonSerializable(typeof(DeferredSlackAction))]
internal sealed partial class AppJsonSerializerContext : JsonSerializerContext;
