using SigninToSlack.Configuration;
using SigninToSlack.Hosting;
using SigninToSlack.Logging;
using SigninToSlack.Pipeline;
using SigninToSlack.Secrets;
using SigninToSlack.Slack;

namespace SigninToSlack;

/// <summary>The composition root of the deployed function: settings, then a few objects wired by hand, then the loop.</summary>
internal static class FunctionApp
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <returns>1 after a start-up failure reported to the Runtime API; 0 when stopped.</returns>
    public static async Task<int> RunAsync(
        string runtimeApi, Func<string, string?> environment, TextWriter stdout, TimeProvider timeProvider, CancellationToken stopping)
    {
        using var runtimeHttp = RuntimeApiClient.CreateHttpClient();
        var runtime = new RuntimeApiClient(runtimeHttp, runtimeApi);

        FunctionSettings settings;
        try
        {
            settings = SettingsReader.Read(environment);
        }
        catch (ConfigurationException ex)
        {
            new FunctionLogger(stdout, LogFormat.Text, LogLevel.Info, timeProvider).Error($"start-up failed: {ex.Message}");
            await runtime.FailInitAsync(ErrorBody.From(ex), stopping);
            return 1;
        }

        var log = new FunctionLogger(stdout, settings.LogFormat, settings.LogLevel, timeProvider);
        // One client for every outbound call: Slack's webhooks and Web API, and AWS when a secret is stored there.
        using var http = SlackWebhookClient.CreateHttpClient();
        var secrets = new SecretCache(SecretSources.ForLambda(http, environment, settings.ExtensionPort, timeProvider), settings.SecretsCacheTtl, timeProvider);
        var pipeline = new SigninPipeline(settings.Policy, SlackDelivery.ForSettings(settings, http, secrets, timeProvider));
        IEntryPoint entryPoint = settings.EntryPoint == EntryPointKind.Sns ? new SnsEntryPoint(pipeline) : new EventBridgeEntryPoint(pipeline);
        var handler = new FunctionHandler(entryPoint, log);

        await new LambdaHost(runtime, (invocation, ct) => handler.HandleAsync(invocation.Payload, ct), log, timeProvider).RunAsync(stopping);
        return 0;
    }
}
