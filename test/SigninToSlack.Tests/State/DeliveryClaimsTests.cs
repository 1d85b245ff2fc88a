using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PostKind = SigninToSlack.Tests.Support.RuntimeApiServer.PostKind;
using Reply = SigninToSlack.Tests.Support.SlackStandIn.Reply;
using SigninToSlack.App;
using SigninToSlack.Configuration;
using SigninToSlack.Delivery;
using SigninToSlack.EntryPoints;
using SigninToSlack.Logging;
using SigninToSlack.State;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.State;

/// <summary>
/// Exactly once across containers: each function below is a composition (or a process) of its own, so nothing but
/// the state table on moto_server links them, as nothing links two Lambda containers.
/// </summary>
[Collection(MotoServer.Collection)]
public sealed class DeliveryClaimsTests(MotoServer moto)
{
    private const string Sample = "root-success.json";
    private const string WebhookToken = "SECRETWEBHOOKTOKEN";


    private sealed class Function : IDisposable
    {
        private readonly StringWriter _log = new();
        private readonly Composition _composition;

        public Function(Dictionary<string, string?> environment)
        {
            var settings = SettingsReader.Read(environment.GetValueOrDefault);
            _composition = Composition.Create(settings, environment.GetValueOrDefault, TimeProvider.System, Outbound.Lambda);
            Handler = new FunctionHandler(_composition.EntryPoint(settings.EntryPoint), new FunctionLogger(_log, LogFormat.Text, LogLevel.Info, TimeProvider.System));
        }

        public FunctionHandler Handler { get; }

        public string Log => _log.ToString();

        public Task<byte[]> InvokeAsync() => InvokeAsync(Sample);

        public Task<byte[]> InvokeAsync(string sample) => Handler.HandleAsync(Samples.File(sample), DateTimeOffset.UtcNow.AddSeconds(30), CancellationToken.None);

        public void Dispose()
        {
            _composition.Dispose();
            _log.Dispose();
        }
    }

    private async Task<string> CreateTableAsync()
    {
        var name = "signin-state-" + Guid.NewGuid().ToString("N")[..12];
        await moto.CreateStateTableAsync(name);
        return name;
    }

    private async Task<JsonElement?> ItemAsync(string table, string key)
    {
        var answer = await moto.CallAsync("dynamodb", "DynamoDB_20120810.GetItem", MotoServer.Json10, new JsonObject
        {
            ["TableName"] = table,
            ["Key"] = new JsonObject { ["id"] = new JsonObject { ["S"] = key } },
            ["ConsistentRead"] = true,
        }, CancellationToken.None);
        return answer.TryGetProperty("Item", out var item) ? item : null;
    }

    private Task<JsonElement> PutClaimAsync(string table, string key, DateTimeOffset expiration) =>
        moto.CallAsync("dynamodb", "DynamoDB_20120810.PutItem", MotoServer.Json10, new JsonObject
        {
            ["TableName"] = table,
            ["Item"] = new JsonObject
            {
                ["id"] = new JsonObject { ["S"] = key },
                ["state"] = new JsonObject { ["S"] = DynamoClaimStore.InProgress },
                ["expiration"] = new JsonObject { ["N"] = expiration.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
                ["token"] = new JsonObject { ["S"] = "another-invocation" },
            },
        }, CancellationToken.None);

    private Dictionary<string, string?> Environment(SlackStandIn slack, string table)
    {
        var environment = SecretsEnvironment.ForMoto(moto.Endpoint);
        environment["SLACK_WEBHOOK"] = slack.WebhookUrl.ToString();
        environment["SLACK_EXTRA_HOSTS"] = "127.0.0.1";
        environment["SIGNIN_STATE_TABLE"] = table;
        return environment;
    }

    private static string State(JsonElement? item) => item!.Value.GetProperty("state").GetProperty("S").GetString()!;

    private static string Key(string destination = AlertRouter.DefaultName, string sample = Sample) =>
        ClaimKeys.Delivery(Samples.AlertFromFile(sample).EventId!, destination);

    [Fact]
    public async Task TwoProcesses_SameEventOneAfterTheOther_PostOnce()
    {
        var table = await CreateTableAsync();
        await using var slack = await SlackStandIn.StartAsync();
        var outputs = new List<string>();
        foreach (var run in new[] { 1, 2 })
        {
            await using var api = await RuntimeApiServer.StartAsync();
            var environment = Environment(slack, table);
            environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
            using var function = FunctionProcess.Start(environment);

            var request = api.Enqueue(Encoding.UTF8.GetString(Samples.File(Sample)), DateTimeOffset.UtcNow.AddSeconds(30));
            var posted = await api.NextPostedAsync();

            Assert.Equal((PostKind.Response, request), (posted.Kind, posted.RequestId));
            function.Terminate();
            await function.WaitForExitAsync(TimeSpan.FromSeconds(10));
            outputs.Add(function.Output);
        }

        Assert.Single(slack.Requests);
        Assert.Equal(DynamoClaimStore.Completed, State(await ItemAsync(table, Key())));
        Assert.Contains("\"AlertsPosted\":1", outputs[0], StringComparison.Ordinal);
        Assert.Contains("\"DuplicatesAvoided\":1", outputs[1], StringComparison.Ordinal);
        Assert.Contains("\"AlertsPosted\":0", outputs[1], StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookToken, string.Concat(outputs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoConcurrentInvocations_PostOnce_TheOtherFailsForARetryThatPostsNothing()
    {
        var table = await CreateTableAsync();
        await using var slack = await SlackStandIn.StartAsync(new Reply(200, "ok", DelayMs: 1500));
        using var first = new Function(Environment(slack, table));
        using var second = new Function(Environment(slack, table));

        var posting = first.InvokeAsync();
        while (slack.Requests.Count == 0 && !posting.IsCompleted)
        {
            await Task.Delay(20);
        }

        var held = await Assert.ThrowsAsync<AlertDeliveryException>(second.InvokeAsync);
        await posting;

        Assert.Contains("channel default: another invocation is posting this event", held.Message, StringComparison.Ordinal);
        Assert.Single(slack.Requests);

        // Lambda's retry of the failed invocation finds the post done.
        await second.InvokeAsync();
        Assert.Single(slack.Requests);
        Assert.Contains("\"DuplicatesAvoided\":1", second.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackFailure_ReleasesTheClaim_TheNextInvocationPosts()
    {
        var table = await CreateTableAsync();
        await using var slack = await SlackStandIn.StartAsync(new Reply(404, "channel_not_found"));
        using var first = new Function(Environment(slack, table));
        using var second = new Function(Environment(slack, table));

        await Assert.ThrowsAsync<AlertDeliveryException>(first.InvokeAsync);
        Assert.Null(await ItemAsync(table, Key()));

        await second.InvokeAsync();
        Assert.Equal(2, slack.Requests.Count);
        Assert.Single(slack.Accepted);
        Assert.Equal(DynamoClaimStore.Completed, State(await ItemAsync(table, Key())));
    }

    [Fact]
    public async Task ExpiredInProgressClaim_IsTakenOver_ALiveOneIsNot()
    {
        var table = await CreateTableAsync();
        await using var slack = await SlackStandIn.StartAsync();
        using var function = new Function(Environment(slack, table));

        await PutClaimAsync(table, Key(), DateTimeOffset.UtcNow.AddMinutes(5));
        var held = await Assert.ThrowsAsync<AlertDeliveryException>(function.InvokeAsync);
        Assert.Contains("another invocation is posting this event (its claim lapses at", held.Message, StringComparison.Ordinal);
        Assert.Empty(slack.Requests);

        await PutClaimAsync(table, Key(), DateTimeOffset.UtcNow.AddSeconds(-10));
        await function.InvokeAsync();
        Assert.Single(slack.Requests);
        var item = await ItemAsync(table, Key());
        Assert.Equal(DynamoClaimStore.Completed, State(item));
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(item!.Value.GetProperty("expiration").GetProperty("N").GetString()!, CultureInfo.InvariantCulture));
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));
    }

    [Fact]
    public async Task TableUnreachable_StillPostsAndWarnsWithoutTheWebhook()
    {
        await using var slack = await SlackStandIn.StartAsync();
        var environment = Environment(slack, "signin-state");
        environment["AWS_ENDPOINT_URL_DYNAMODB"] = $"http://127.0.0.1:{LoopbackPort.Free()}/";
        using var function = new Function(environment);

        await function.InvokeAsync();

        Assert.Single(slack.Accepted);
        Assert.Contains("state table not used (dynamodb endpoint unreachable", function.Log, StringComparison.Ordinal);
        Assert.Contains("\tWARN\t", function.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookToken, function.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingTable_StillPostsAndWarns()
    {
        await using var slack = await SlackStandIn.StartAsync();
        using var function = new Function(Environment(slack, "signin-state-missing-" + Guid.NewGuid().ToString("N")[..8]));

        await function.InvokeAsync();

        Assert.Single(slack.Accepted);
        Assert.Contains("state table not used (ResourceNotFoundException)", function.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelAndDirectMessage_AreEachPostedOnce()
    {
        var table = await CreateTableAsync();
        await using var slack = await SlackStandIn.StartAsync();
        await using var web = await SlackStandIn.StartApiAsync();
        var environment = Environment(slack, table);
        environment["SLACK_BOT_TOKEN"] = "xoxb-1-2-SECRETTOKEN";
        environment["SLACK_API_URL"] = web.ApiUrl.ToString();
        environment["SLACK_PEOPLE"] = "user/anaya=U0ANAYA1";
        using var first = new Function(environment);
        using var second = new Function(environment);

        await first.InvokeAsync("iam-user-success-no-mfa.json");
        await second.InvokeAsync("iam-user-success-no-mfa.json");

        Assert.Single(slack.Requests);
        Assert.Single(web.Requests, r => r.Path.EndsWith("chat.postMessage", StringComparison.Ordinal));
        Assert.Equal(DynamoClaimStore.Completed, State(await ItemAsync(table, Key(SlackDelivery.DirectMessageName, "iam-user-success-no-mfa.json"))));
        Assert.Contains("\"DuplicatesAvoided\":2", second.Log, StringComparison.Ordinal);
        Assert.Contains("(already posted by an earlier invocation: 2 posts not made again)", second.Log, StringComparison.Ordinal);
    }
}
