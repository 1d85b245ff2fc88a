namespace SigninToSlack.Configuration;

/// <summary>The function's configuration, read and validated once at start-up.</summary>
internal sealed record FunctionSettings
{
    public const string SlackWebhookVariable = "SLACK_WEBHOOK";
    public const string HandlerVariable = "SIGNIN_HANDLER";
    public const string LogFormatVariable = "AWS_LAMBDA_LOG_FORMAT";
    public const string LogLevelVariable = "AWS_LAMBDA_LOG_LEVEL";
    public const string BotTokenVariable = "SLACK_BOT_TOKEN";
    public const string ApiUrlVariable = "SLACK_API_URL";
    public const string SecretsCacheTtlVariable = "SECRETS_CACHE_TTL_SECONDS";
    public const string ExtensionPortVariable = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";
    public const string StateTableVariable = "SIGNIN_STATE_TABLE";

    public const string DefaultSlackApiUrl = "https://slack.com/api/";
    public const int DefaultExtensionPort = 2773;
    public static readonly TimeSpan DefaultSecretsCacheTtl = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxSecretsCacheTtl = TimeSpan.FromHours(1);

    /// <summary>The incoming webhook, or where it is kept; a secret. Null only where nothing is posted (local dry run).</summary>
    public SecretSetting<Uri>? SlackWebhook { get; init; }

    /// <summary>The webhooks per severity and per account (SLACK_WEBHOOK_CRITICAL, ..., SLACK_ACCOUNT_WEBHOOKS).</summary>
    public RouteSettings Routes { get; init; } = RouteSettings.None;

    /// <summary>The Slack app's bot token, for DMs and e-mail lookups; a secret. Null: no DMs.</summary>
    public SecretSetting<string>? SlackBotToken { get; init; }

    /// <summary>The Slack Web API's base URL (SLACK_API_URL).</summary>
    public Uri SlackApiUrl { get; init; } = new(DefaultSlackApiUrl);

    /// <summary>The hosts the Slack URLs may name (SLACK_EXTRA_HOSTS besides Slack's); values resolved later are held to them too.</summary>
    public SlackHosts SlackHosts { get; init; } = SlackHosts.SlackOnly;

    /// <summary>What is posted, with what context, and who is told (SIGNIN_* and SLACK_PEOPLE).</summary>
    public PolicySettings Policy { get; init; } = PolicySettings.Default;

    /// <summary>How long a resolved secret is kept before it is fetched again (SECRETS_CACHE_TTL_SECONDS).</summary>
    public TimeSpan SecretsCacheTtl { get; init; } = DefaultSecretsCacheTtl;

    /// <summary>Where the Parameters and Secrets extension listens, when its layer is added (PARAMETERS_SECRETS_EXTENSION_HTTP_PORT).</summary>
    public int ExtensionPort { get; init; } = DefaultExtensionPort;

    /// <summary>The DynamoDB table where deliveries are claimed, so that an event is posted once across containers (SIGNIN_STATE_TABLE). Null: a per-container ledger only.</summary>
    public StateTable? StateTable { get; init; }

    /// <summary>Which entry point the deployed function runs (SIGNIN_HANDLER).</summary>
    public EntryPointKind EntryPoint { get; init; } = EntryPointKind.EventBridge;

    /// <summary>When failed sign-ins in one batch are folded into a summary (SIGNIN_BURST_*).</summary>
    public BurstSettings Burst { get; init; } = BurstSettings.Default;

    /// <summary>The Respond function's settings; checked as required only when <see cref="EntryPoint"/> is Respond.</summary>
    public RespondSettings Respond { get; init; } = RespondSettings.None;

    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    /// <summary>Never prints the webhook, whatever calls ToString.</summary>
    public override string ToString() =>
        $"FunctionSettings {{ SlackWebhook = {SlackWebhook?.ToString() ?? "unset"}, Routes = {Routes}, SlackBotToken = {SlackBotToken?.ToString() ?? "unset"}, SlackApiUrl = {SlackApiUrl}, SlackExtraHosts = [{string.Join(", ", SlackHosts.Extra)}], SecretsCacheTtl = {SecretsCacheTtl.TotalSeconds} s, ExtensionPort = {ExtensionPort}, StateTable = {StateTable?.Name ?? "unset"}, EntryPoint = {EntryPoint}, Burst = {Burst}, Respond = {Respond}, LogFormat = {LogFormat}, LogLevel = {LogLevel} }}";
}
