using SigninToSlack.Configuration;
using SigninToSlack.Delivery;
using SigninToSlack.EntryPoints;
using SigninToSlack.Hosting;
using SigninToSlack.Logging;
using SigninToSlack.Respond;
using SigninToSlack.Serialization;

namespace SigninToSlack.App;

/// <summary>The deployed function: settings, then the objects the <see cref="Composition"/> root wires, then the Runtime API loop.</summary>
internal static class FunctionApp
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <param name="slack">How hard Slack calls try; the defaults unless a test needs them short.</param>
    /// <returns>0 when stopped (SIGTERM); 1 after a start-up failure, or when the Runtime API failed (one line logged, no stack trace).</returns>
    public static async Task<int> RunAsync(
        string runtimeApi, Func<string, string?> environment, TextWriter stdout, TimeProvider timeProvider, CancellationToken stopping, SlackRetryOptions? slack = null)
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
            var startLog = new FunctionLogger(stdout, LogFormat.Text, LogLevel.Info, timeProvider);
            startLog.Error($"start-up failed: {ex.Message}");
            try
            {
                await runtime.FailInitAsync(ErrorBody.From(ex), stopping);
            }
            catch (RuntimeApiException postError)
            {
                startLog.Error($"could not report the start-up failure: {postError.Message}");
            }

            return 1;
        }

        var log = new FunctionLogger(stdout, settings.LogFormat, settings.LogLevel, timeProvider);
        if (settings.EntryPoint == EntryPointKind.Respond)
        {
            var (respond, owner) = Composition.CreateRespond(settings, environment, timeProvider, Outbound.Lambda, log.Info, warn: log.Warn);
            using (owner)
            {
                return await new LambdaHost(runtime, (invocation, ct) => respond.HandleAsync(invocation.Payload, ct), log, timeProvider).RunAsync(stopping);
            }
        }

        using var composition = Composition.Create(settings, environment, timeProvider, Outbound.Lambda, slack: slack, warn: log.Warn);
        var handler = new FunctionHandler(composition.EntryPoint(settings.EntryPoint), log);

        return await new LambdaHost(runtime, (invocation, ct) => handler.HandleAsync(invocation.Payload, invocation.CancelAt, ct), log, timeProvider).RunAsync(stopping);
    }
}
