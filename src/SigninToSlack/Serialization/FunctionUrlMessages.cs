using System.Text.Json.Serialization;

namespace SigninToSlack.Serialization;

/// <summary>A Lambda function URL request (payload format 2.0), the parts the Respond function reads.</summary>
internal sealed record FunctionUrlRequest(
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("rawPath")] string? RawPath,
    [property: JsonPropertyName("rawQueryString")] string? RawQueryString,
    [property: JsonPropertyName("headers")] Dictionary<string, string>? Headers,
    [property: JsonPropertyName("requestContext")] FunctionUrlContext? RequestContext,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("isBase64Encoded")] bool IsBase64Encoded);

/// <summary>The request's context: only its HTTP method is read.</summary>
internal sealed record FunctionUrlContext([property: JsonPropertyName("http")] FunctionUrlHttp? Http);

internal sealed record FunctionUrlHttp([property: JsonPropertyName("method")] string? Method);

/// <summary>A function URL response (payload format 2.0).</summary>
internal sealed record FunctionUrlResponse(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("headers")] Dictionary<string, string> Headers,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("isBase64Encoded")] bool IsBase64Encoded = false);
