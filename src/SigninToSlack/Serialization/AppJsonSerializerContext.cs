using System.Text.Json.Serialization;
using SigninToSlack.Aws;
using SigninToSlack.Events;
using SigninToSlack.Hosting;
using SigninToSlack.Pipeline;
using SigninToSlack.Secrets;
using SigninToSlack.Slack;

namespace SigninToSlack.Serialization;

/// <summary>
/// The one source-generated context for every type that crosses JSON. Names are matched case-insensitively
/// (SNS deliveries vary in casing) and any scalar is accepted where a string is expected.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    Converters = [typeof(LenientStringConverter)])]
[JsonSerializable(typeof(EventBridgeEvent))]
[JsonSerializable(typeof(CloudTrailRecord))]
[JsonSerializable(typeof(SnsEnvelope))]
[JsonSerializable(typeof(SlackMessage))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(InvocationSummary))]
[JsonSerializable(typeof(GetParameterRequest))]
[JsonSerializable(typeof(GetParameterResponse))]
[JsonSerializable(typeof(GetSecretValueRequest))]
[JsonSerializable(typeof(GetSecretValueResponse))]
[JsonSerializable(typeof(AwsErrorBody))]
internal sealed partial class AppJsonSerializerContext : JsonSerializerContext;
