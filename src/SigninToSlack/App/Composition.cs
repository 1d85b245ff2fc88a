using SigninToSlack.Aws;
using SigninToSlack.Configuration;
using SigninToSlack.Delivery;
using SigninToSlack.EntryPoints;
using SigninToSlack.Policy;
using SigninToSlack.Iam;
using SigninToSlack.Processing;
using SigninToSlack.Respond;
using SigninToSlack.Secrets;
using SigninToSlack.State;

namespace SigninToSlack.App;

/// <summary>Where a composed function sends its alerts.</summary>
internal enum Outbound
{
    /// <summary>The deployed function: Slack, with stored secrets read through the extension when its layer is there.</summary>
    Lambda,

    /// <summary>A local run that posts: Slack, with stored secrets read from the services with the shell's credentials.</summary>
    Workstation,

    /// <summary>A dry run: every payload printed, nothing posted, no secret read.</summary>
    Print,
}

/// <summary>
/// The one composition root: the deployed function and the local invoke both build their objects here, by hand, from
/// the checked settings. They differ only in <see cref="Outbound"/> (and in the time budget their callers set).
/// </summary>
internal sealed class Composition : IDisposable
{
    private readonly HttpClient? _http;
    private readonly BurstSettings _burst;
    private readonly IFailureHistory _history;

    private Composition(SigninProcessor processor, HttpClient? http, BurstSettings burst, IFailureHistory? history = null)
    {
        Processor = processor;
        _http = http;
        _burst = burst;
        _history = history ?? BatchFailureHistory.Instance;
    }

    public SigninProcessor Processor { get; }

    /// <param name="printTo">Where a dry run prints each payload; used only with <see cref="Outbound.Print"/>.</param>
    /// <param name="slack">How hard Slack calls try (retries, timeouts, the lookup budget); the defaults unless a test needs them short.</param>
    /// <param name="warn">Where a warning line goes, e.g. a stored secret served stale because it could not be read again.</param>
    public static Composition Create(
        FunctionSettings settings, Func<string, string?> environment, TimeProvider timeProvider, Outbound outbound, TextWriter? printTo = null, SlackRetryOptions? slack = null, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var policy = new AlertPolicy(settings.Policy);
        if (outbound == Outbound.Print)
        {
            var printer = new PrintingSink(printTo ?? TextWriter.Null);
            var preview = new PreviewDelivery(new AlertRouter(settings.SlackWebhook, settings.Routes, (_, _) => printer), printer, settings.SlackBotToken is not null);

            // A link key given as the value mints real links, so that the dry run shows them; a reference is not read.
            var previewLinks = settings.Respond.LinkKey is { } previewKey
                ? ResponseLinkMinter.For(settings.Respond, previewKey.Reference is null ? new PlainSecret<string>(previewKey.Value!) : new UnreadInDryRun(previewKey), timeProvider)
                : null;
            return new Composition(new SigninProcessor(policy, preview, previewLinks), null, settings.Burst);
        }

        // One client for every outbound call: Slack's webhooks and Web API, and AWS when a secret is stored there.
        var options = slack ?? new SlackRetryOptions();
        var http = SlackSender.CreateHttpClient(options);
        var source = outbound == Outbound.Lambda
            ? SecretSources.ForLambda(http, environment, settings.ExtensionPort, timeProvider)
            : SecretSources.Direct(http, environment, timeProvider);
        var secrets = new SecretCache(source, settings.SecretsCacheTtl, timeProvider, warn);
        var router = new AlertRouter(
            settings.SlackWebhook,
            settings.Routes,
            (name, webhook) => new SlackWebhookClient(
                http,
                webhook!.Bind(secrets),
                options,
                timeProvider,
                name == AlertRouter.DefaultName ? SlackWebhookClient.DefaultName : $"{SlackWebhookClient.DefaultName} ({name})"));
        var api = settings.SlackBotToken is { } token ? new SlackApiClient(http, token.Bind(secrets), settings.SlackApiUrl, options, timeProvider) : null;
        // Without a state table, the in-container ledger alone, as before: no call is added to the post.
        var claims = settings.StateTable is { } table
            ? new DynamoClaimStore(new AwsJsonClient(http, timeProvider), new AwsEnvironment(environment), table, timeProvider)
            : null;

        // With a state table, a success also counts the failures of earlier batches from its source IP.
        var history = settings.StateTable is { } store
            ? new StoredFailureHistory(new DynamoFailureCounts(new AwsJsonClient(http, timeProvider), new AwsEnvironment(environment), store, settings.Burst.Window, timeProvider), timeProvider, warn)
            : null;
        var delivery = new SlackDelivery(router, api, new DeliveryLedger(timeProvider), claims);
        var links = settings.Respond.LinkKey is { } linkKey ? ResponseLinkMinter.For(settings.Respond, linkKey.Bind(secrets), timeProvider) : null;
        return new Composition(new SigninProcessor(policy, delivery, links), http, settings.Burst, history);
    }

    /// <summary>
    /// The Respond function (SIGNIN_HANDLER=Respond): its own HTTP client, the link key, IAM containment and the
    /// single-use ledger, which only the state table may back in production.
    /// </summary>
    /// <param name="log">Where the Respond function's one line per request goes.</param>
    /// <param name="ledger">The single-use ledger; null: the state table's.</param>
    /// <param name="deferral">Where a button press is handed on; null: the deployed function's own asynchronous invocation
    /// (AWS_LAMBDA_FUNCTION_NAME), and none elsewhere.</param>
    public static (RespondHandler Handler, IDisposable Owner) CreateRespond(
        FunctionSettings settings,
        Func<string, string?> environment,
        TimeProvider timeProvider,
        Outbound outbound,
        Action<string> log,
        ITokenLedger? ledger = null,
        Action<string>? warn = null,
        IDeferral? deferral = null,
        SlackRetryOptions? slack = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var respond = settings.Respond;
        if (respond.LinkKey is null || respond.Account is null)
        {
            throw new ConfigurationException($"{RespondSettings.LinkKeyVariable} and {RespondSettings.AccountVariable} must be set for SIGNIN_HANDLER=Respond");
        }

        var http = SlackSender.CreateHttpClient(new SlackRetryOptions());
        ledger ??= StateTableLedger(settings, environment, http, timeProvider);
        var source = outbound == Outbound.Lambda
            ? SecretSources.ForLambda(http, environment, settings.ExtensionPort, timeProvider)
            : SecretSources.Direct(http, environment, timeProvider);
        var secrets = new SecretCache(source, settings.SecretsCacheTtl, timeProvider, warn);
        var iam = new IamClient(new AwsJsonClient(http, timeProvider), new AwsEnvironment(environment), timeProvider);
        var containment = new Containment.Containment(iam, respond.Account, respond.OwnPrincipals, timeProvider);
        var retries = slack ?? new SlackRetryOptions();
        var admins = settings.Routes.Critical ?? settings.SlackWebhook;
        if (deferral is null && outbound == Outbound.Lambda && new AwsEnvironment(environment).Region() is not null
            && SettingsReader.Blank(environment("AWS_LAMBDA_FUNCTION_NAME")) is { } self)
        {
            deferral = new LambdaDeferral(new LambdaInvoker(new AwsJsonClient(http, timeProvider), new AwsEnvironment(environment)), self);
        }

        var options = new RespondOptions
        {
            SigningSecret = respond.SigningSecret?.Bind(secrets),
            Admins = respond.Admins,
            Hosts = settings.SlackHosts,
            ReplyTo = url => new SlackWebhookClient(http, new PlainSecret<Uri>(url), retries, timeProvider, "Slack response_url"),
            AdminChannel = admins is null ? null : new SlackWebhookClient(http, admins.Bind(secrets), retries, timeProvider, $"{SlackWebhookClient.DefaultName} (admins)"),
            Deferral = deferral,
            RespondUrl = respond.Url,
            UndoTtl = respond.UndoTtl,
        };
        return (new RespondHandler(respond.LinkKey.Bind(secrets), containment, ledger, respond.Account, timeProvider, log, options), http);
    }

    /// <summary>
    /// The single-use ledger on the state table (SIGNIN_STATE_TABLE), which settings require for SIGNIN_HANDLER=Respond:
    /// a Respond function whose tokens could be used again is unsafe, so it refuses to start without one.
    /// </summary>
    /// <exception cref="ConfigurationException">No state table is configured.</exception>
    public static ITokenLedger StateTableLedger(FunctionSettings settings, Func<string, string?> environment, HttpClient http, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var table = settings.StateTable
            ?? throw new ConfigurationException($"SIGNIN_HANDLER=Respond needs the state table ({FunctionSettings.StateTableVariable}) so that each link works once: refusing to start without it");
        return new ClaimTokenLedger(new DynamoClaimStore(new AwsJsonClient(http, timeProvider), new AwsEnvironment(environment), table, timeProvider));
    }

    /// <summary>The entry point SIGNIN_HANDLER names; null takes whatever envelope arrives, as the local invoke does.</summary>
    public IEntryPoint EntryPoint(EntryPointKind? kind) => kind switch
    {
        EntryPointKind.Sns => new SnsEntryPoint(Processor),
        EntryPointKind.Sqs => new SqsEntryPoint(Batch()),
        EntryPointKind.EventBridge => new EventBridgeEntryPoint(Processor),
        _ => new AnyEnvelopeEntryPoint(Processor, Batch()),
    };

    /// <summary>The queue's batch path: bursts folded as SIGNIN_BURST_THRESHOLD says, successes raised after failures from their IP.</summary>
    private BatchProcessor Batch() => new(Processor, _burst, _history);

    public void Dispose() => _http?.Dispose();

    /// <summary>A referenced secret in a dry run, which reads none: asking for it says so.</summary>
    private sealed class UnreadInDryRun(SecretSetting<string> setting) : ISecret<string>
    {
        public ValueTask<string> GetAsync(CancellationToken cancellationToken) =>
            throw new SecretResolutionException($"{setting.Variable}={setting.Reference} is not read in a dry run");

        public bool Invalidate() => false;
    }
}
