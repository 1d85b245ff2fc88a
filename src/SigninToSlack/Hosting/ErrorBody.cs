using System.Text.Json.Serialization;

namespace SigninToSlack.Hosting;

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
