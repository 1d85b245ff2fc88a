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

/// <summary>The request's context: its HTTP method, and the function URL's domain (set by Lambda, not by the caller).</summary>
internal sealed record FunctionUrlContext(
    [property: JsonPropertyName("http")] FunctionUrlHttp? Http,
    [property: JsonPropertyName("domainName")] string? DomainName = null);

internal sealed record FunctionUrlHttp([property: JsonPropertyName("method")] string? Method);

/// <summary>A function URL response (payload format 2.0).</summary>
internal sealed record FunctionUrlResponse(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("headers")] Dictionary<string, string> Headers,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("isBase64Encoded")] bool IsBase64Encoded = false);

/// <summary>
/// A Slack button press the Respond function acknowledged and hands to an asynchronous invocation of itself: Slack's
/// request as it came (the raw body, base64, and its two signature headers), checked again there before anything is done.
/// </summary>
internal sealed record DeferredSlackAction(
    [property: JsonPropertyName("signinToSlackDeferred")] int Version,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("signature")] string Signature,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("respondUrl")] string? RespondUrl);
