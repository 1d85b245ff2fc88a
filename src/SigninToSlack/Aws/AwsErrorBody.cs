using System.Text.Json.Serialization;

namespace SigninToSlack.Aws;

/// <summary>The error document of the AWS JSON protocols; only the error type is read (never the message, which may quote input).</summary>
internal sealed record AwsErrorBody([property: JsonPropertyName("__type")] string? Type);
