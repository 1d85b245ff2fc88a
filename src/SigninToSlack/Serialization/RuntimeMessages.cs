using System.Text.Json.Serialization;

namespace SigninToSlack.Serialization;

/// <summary>The error document the Runtime API takes for a failed invocation or start-up.</summary>
internal sealed record ErrorBody(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace)
{
    public static ErrorBody From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var trace = exception.StackTrace?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return new ErrorBody(exception.Message.ReplaceLineEndings(" "), exception.GetType().Name, trace);
    }
}

/// <summary>The response of a successful invocation: how many alerts were posted and events skipped.</summary>
internal sealed record InvocationSummary(
    [property: JsonPropertyName("posted")] int Posted,
    [property: JsonPropertyName("skipped")] int Skipped)
{
    /// <summary>
    /// The JSON the source-generated context writes (tested byte for byte against it), written directly: on the
    /// usual path this is the only serialized type, and setting up the serializer's metadata for it costs a cold start
    /// several milliseconds.
    /// </summary>
    public byte[] ToUtf8Json() =>
        System.Text.Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{\"posted\":{Posted},\"skipped\":{Skipped}}}"));
}
