using SigninToSlack.Logging;
using SigninToSlack.Pipeline;

namespace SigninToSlack.Configuration;

/// <summary>The function's configuration, read and validated once at start-up.</summary>
internal sealed record FunctionSettings
{
    /// <summary>The incoming webhook; a secret. Null only where nothing is posted (local dry run).</summary>
    public Uri? SlackWebhook { get; init; }

    public EntryPointKind EntryPoint { get; init; } = EntryPointKind.EventBridge;

    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    /// <summary>Never prints the webhook, whatever calls ToString.</summary>
    public override string ToString() =>
        $"FunctionSettings {{ SlackWebhook = {(SlackWebhook is null ? "unset" : "set")}, EntryPoint = {EntryPoint}, LogFormat = {LogFormat}, LogLevel = {LogLevel} }}";
}
