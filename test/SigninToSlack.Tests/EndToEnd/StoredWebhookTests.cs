using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using PostKind = SigninToSlack.Tests.Support.RuntimeApiServer.PostKind;
using SigninToSlack.App;
using SigninToSlack.Configuration;
using SigninToSlack.EntryPoints;
using SigninToSlack.Events;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.EndToEnd;

/// <summary>
/// SLACK_WEBHOOK as a reference, end to end: the published program (and the local invoke) resolve it from moto's
/// SSM or from the extension stand-in, post to the local Slack, and never print the webhook's token anywhere.
/// </summary>
[Collection(MotoServer.Collection)]
public sealed class StoredWebhookTests(MotoServer moto)
{
    private const string Token = "SECRETWEBHOOKTOKEN";
    private const string SessionToken = "IQoJb3JpZ2luX2VjEND-to-END";

    private static readonly string Unique = Guid.NewGuid().ToString("N")[..12];

    private static DateTimeOffset In30s => DateTimeOffset.UtcNow.AddSeconds(30);

    private static string Sample(string name) => Encoding.UTF8.GetString(Samples.File(name));

    private async Task<string> StoreWebhookAsync(SlackStandIn slack, string name)
    {
        var parameter = $"/signin-to-slack/{Unique}/{name}";
        await moto.CallAsync(
            "ssm", "AmazonSSM.PutParameter", MotoServer.Json11,
            new JsonObject { ["Name"] = parameter, ["Value"] = slack.WebhookUrl.ToString(), ["Type"] = "SecureString" },
            CancellationToken.None);
        return parameter;
    }

    private Dictionary<string, string?> LambdaEnvironment(RuntimeApiServer api, string webhook, int extensionPort)
    {
        var environment = SecretsEnvironment.ForMoto(moto.Endpoint, sessionToken: SessionToken);
        environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
        environment["SLACK_WEBHOOK"] = webhook;
        environment["SLACK_EXTRA_HOSTS"] = "127.0.0.1"; // the stored webhook is the local Slack stand-in
        environment["PARAMETERS_SECRETS_EXTENSION_HTTP_PORT"] = extensionPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return environment;
    }

    [Fact]
    public async Task Function_SsmWebhookWithoutExtension_ResolvesDirectlyPostsAndNeverPrintsIt()
    {
        await using var api = await RuntimeApiServer.StartAsync();
        await using var slack = await SlackStandIn.StartAsync();
        var parameter = await StoreWebhookAsync(slack, "function");
        using var function = FunctionProcess.Start(LambdaEnvironment(api, "ssm:" + parameter, LoopbackPort.Free()));

        var first = api.Enqueue(Sample("root-success.json"), In30s);
        var second = api.Enqueue(Sample("iam-user-failure.json"), In30s);
        var posted = new[] { await api.NextPostedAsync(), await api.NextPostedAsync() };

        Assert.Equal([(PostKind.Response, first), (PostKind.Response, second)], posted.Select(p => (p.Kind, p.RequestId)));
        Assert.Equal(2, slack.Requests.Count);
        Assert.All(slack.Requests, r => Assert.Equal(SlackStandIn.HookPath, r.Path));
        Assert.DoesNotContain(Token, function.Output + string.Concat(posted.Select(p => p.Body)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_SsmWebhookThroughExtension_UsesSessionTokenAndNeverPrintsIt()
    {
        await using var api = await RuntimeApiServer.StartAsync();
        await using var slack = await SlackStandIn.StartAsync();
        await using var extension = await ExtensionStandIn.StartAsync(SessionToken, new Dictionary<string, string> { ["/signin-to-slack/webhook"] = slack.WebhookUrl.ToString() });
        var environment = LambdaEnvironment(api, "ssm:/signin-to-slack/webhook", extension.Port);
        environment["AWS_ENDPOINT_URL"] = $"http://127.0.0.1:{LoopbackPort.Free()}/"; // the extension, or nothing
        using var function = FunctionProcess.Start(environment);

        var request = api.Enqueue(Sample("root-success.json"), In30s);
        var posted = await api.NextPostedAsync();

        Assert.Equal((PostKind.Response, request), (posted.Kind, posted.RequestId));
        Assert.Single(slack.Requests);
        Assert.Equal(SessionToken, Assert.Single(extension.Requests).Token);
        Assert.DoesNotContain(Token, function.Output + posted.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_MissingParameter_FailsInvocationNamingReferenceAndKeepsRunning()
    {
        await using var api = await RuntimeApiServer.StartAsync();
        using var function = FunctionProcess.Start(LambdaEnvironment(api, $"ssm:/signin-to-slack/{Unique}/missing", LoopbackPort.Free()));

        var request = api.Enqueue(Sample("root-success.json"), In30s);
        var posted = await api.NextPostedAsync();

        Assert.Equal((PostKind.Error, request, "AlertDeliveryException"), (posted.Kind, posted.RequestId, posted.ErrorType));
        using var body = JsonDocument.Parse(posted.Body);
        Assert.EndsWith(
            $"SLACK_WEBHOOK: ssm:/signin-to-slack/{Unique}/missing could not be resolved: ParameterNotFound",
            body.RootElement.GetProperty("errorMessage").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_SsmWebhook_ResolvesDirectlyPostsAndNeverPrintsIt()
    {
        await using var slack = await SlackStandIn.StartAsync();
        var parameter = await StoreWebhookAsync(slack, "invoke");
        var environment = SecretsEnvironment.ForMoto(moto.Endpoint);
        environment["SLACK_WEBHOOK"] = "ssm:" + parameter;
        environment["SLACK_EXTRA_HOSTS"] = "127.0.0.1";

        var (exit, stdout, stderr) = await InvokeAsync(environment, Sample("root-success.json"));

        Assert.Equal(LocalInvoke.Handled, exit);
        Assert.Single(slack.Requests);
        Assert.DoesNotContain(Token, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_MissingParameter_ExitsOneNamingReference()
    {
        var environment = SecretsEnvironment.ForMoto(moto.Endpoint);
        environment["SLACK_WEBHOOK"] = $"ssm:/signin-to-slack/{Unique}/absent";

        var (exit, _, stderr) = await InvokeAsync(environment, Sample("root-success.json"));

        Assert.Equal(LocalInvoke.DeliveryFailed, exit);
        Assert.Contains($"NOT DELIVERED: SLACK_WEBHOOK: ssm:/signin-to-slack/{Unique}/absent could not be resolved: ParameterNotFound", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_ReferenceWithDryRun_ResolvesNothing()
    {
        // A reference that cannot resolve: any attempt would fail the run.
        var environment = SecretsEnvironment.ForMoto(moto.Endpoint);
        environment["SLACK_WEBHOOK"] = $"ssm:/signin-to-slack/{Unique}/never";

        var (exit, stdout, _) = await InvokeAsync(environment, Sample("root-success.json"), "--dry-run");

        Assert.Equal(LocalInvoke.Handled, exit);
        BlockKit.AssertValid(stdout.Trim());
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> InvokeAsync(Dictionary<string, string?> environment, string input, params string[] options)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes(input));
        var exit = await LocalInvoke.RunAsync(["-", .. options], name => environment.GetValueOrDefault(name), stdin, stdout, stderr, TimeProvider.System);
        return (exit, stdout.ToString(), stderr.ToString());
    }


    [Fact]
    public async Task Function_ExtensionFailsAfterTheFirstRead_PostsWithTheKeptWebhookAndWarns()
    {
        await using var api = await RuntimeApiServer.StartAsync();
        await using var slack = await SlackStandIn.StartAsync();
        await using var extension = await ExtensionStandIn.StartAsync(SessionToken, new Dictionary<string, string> { ["/signin-to-slack/webhook"] = slack.WebhookUrl.ToString() });
        var environment = LambdaEnvironment(api, "ssm:/signin-to-slack/webhook", extension.Port);
        environment["AWS_ENDPOINT_URL"] = $"http://127.0.0.1:{LoopbackPort.Free()}/";
        environment["SECRETS_CACHE_TTL_SECONDS"] = "0"; // every delivery reads the webhook again
        using var function = FunctionProcess.Start(environment);

        var first = api.Enqueue(Sample("root-success.json"), In30s);
        var firstPosted = await api.NextPostedAsync();
        for (var i = 0; i < 3; i++)
        {
            extension.Failures.Enqueue((500, """{"__type":"InternalFailure"}"""));
        }

        var second = api.Enqueue(Sample("iam-user-failure.json"), In30s);
        var secondPosted = await api.NextPostedAsync();

        Assert.Equal([(PostKind.Response, first), (PostKind.Response, second)], [(firstPosted.Kind, firstPosted.RequestId), (secondPosted.Kind, secondPosted.RequestId)]);
        Assert.Equal(2, slack.Requests.Count);
        Assert.Equal(4, extension.Requests.Count);
        var warning = Assert.Single(function.Output.Split('\n'), line => line.Contains("could not be read again", StringComparison.Ordinal));
        Assert.Contains("ssm:/signin-to-slack/webhook could not be read again (the Parameters and Secrets extension answered InternalFailure)", warning, StringComparison.Ordinal);
        Assert.Contains(second, warning, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, function.Output, StringComparison.Ordinal);
    }
}
