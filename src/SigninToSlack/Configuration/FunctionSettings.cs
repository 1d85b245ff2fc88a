using SigninToSlack.Logging;
using SigninToSlack.Pipeline;
using SigninToSlack.Policy;
using SigninToSlack.Routing;
using SigninToSlack.Secrets;
using SigninToSlack.Slack;

namespace SigninToSlack.Configuration;

/// <summary>The function's configuration, read and validated once at start-up.</summary>
internal sealed record FunctionSettings
{
    /// <summary>The incoming webhook, or where it is kept; a secret. Null only where nothing is posted (local dry run).</summary>
    public SecretSetting<Uri>? SlackWebhook { get; init; }

    /// <summary>The webhooks per severity and per account (SLACK_WEBHOOK_CRITICAL, ..., SLACK_ACCOUNT_WEBHOOKS).</summary>
    public RouteSettings Routes { get; init; } = RouteSettings.None;

    /// <summary>The Slack app's bot token, for DMs and e-mail lookups; a secret. Null: no DMs.</summary>
    public SecretSetting<string>? SlackBotToken { get; init; }

    /// <summary>The Slack Web API's base URL (SLACK_API_URL).</summary>
    public Uri SlackApiUrl { get; init; } = new(SlackApiClient.DefaultBaseUrl);

    /// <summary>What is posted, with what context, and who is told (SIGNIN_* and SLACK_PEOPLE).</summary>
    public AlertPolicy Policy { get; init; } = AlertPolicy.Default;

    /// <summary>How long a resolved secret is kept before it is fetched again (SECRETS_CACHE_TTL_SECONDS).</summary>
    public TimeSpan SecretsCacheTtl { get; init; } = SecretCache.DefaultTtl;

    /// <summary>Where the Parameters and Secrets extension listens, when its layer is added (PARAMETERS_SECRETS_EXTENSION_HTTP_PORT).</summary>
    public int ExtensionPort { get; init; } = ExtensionSecretSource.DefaultPort;

    public EntryPointKind EntryPoint { get; init; } = EntryPointKind.EventBridge;

    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    /// <summary>Never prints the webhook, whatever calls ToString.</summary>
    public override string ToString() =>
        $"FunctionSettings {{ SlackWebhook = {SlackWebhook?.ToString() ?? "unset"}, Routes = {Routes}, SlackBotToken = {SlackBotToken?.ToString() ?? "unset"}, SlackApiUrl = {SlackApiUrl}, SecretsCacheTtl = {SecretsCacheTtl.TotalSeconds} s, ExtensionPort = {ExtensionPort}, EntryPoint = {EntryPoint}, LogFormat = {LogFormat}, LogLevel = {LogLevel} }}";
}
