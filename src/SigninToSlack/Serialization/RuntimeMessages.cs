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
    [property: JsonPropertyName("skipped")] int Skipped);
