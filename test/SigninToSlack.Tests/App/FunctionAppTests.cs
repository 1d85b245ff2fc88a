using System.Text.Json;
using PostKind = SigninToSlack.Tests.Support.RuntimeApiServer.PostKind;
using SigninToSlack.App;
using SigninToSlack.Configuration;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.App;

[Collection(RuntimeLoopTests.Name)]
public sealed class FunctionAppTests
{
    [Theory]
    [InlineData(null, "SLACK_WEBHOOK is not set")]
    [InlineData("http://hooks.example.com/services/T/B/SECRETVALUE", "SLACK_WEBHOOK must be an https:// URL")]
    [InlineData("not a url SECRETVALUE", "SLACK_WEBHOOK is not an absolute URL")]
    public async Task RunAsync_BadWebhookSetting_PostsInitErrorNamingTheVariableAndExits(string? webhook, string expected)
    {
        await using var api = await RuntimeApiServer.StartAsync();
        using var stdout = new StringWriter();
        var environment = new Dictionary<string, string?> { ["SLACK_WEBHOOK"] = webhook };

        var exit = await FunctionApp.RunAsync(api.Address, name => environment.GetValueOrDefault(name), stdout, TimeProvider.System, CancellationToken.None);

        Assert.Equal(1, exit);
        var posted = await api.NextPostedAsync();
        Assert.Equal(PostKind.InitError, posted.Kind);
        Assert.Equal("ConfigurationException", posted.ErrorType);
        using var body = JsonDocument.Parse(posted.Body);
        Assert.StartsWith(expected, body.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETVALUE", posted.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETVALUE", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownHandlerSetting_PostsInitError()
    {
        await using var api = await RuntimeApiServer.StartAsync();
        var environment = new Dictionary<string, string?> { ["SLACK_WEBHOOK"] = "https://hooks.slack.com/services/T/B/X", ["SIGNIN_HANDLER"] = "Kinesis" };

        var exit = await FunctionApp.RunAsync(api.Address, name => environment.GetValueOrDefault(name), TextWriter.Null, TimeProvider.System, CancellationToken.None);

        Assert.Equal(1, exit);
        var posted = await api.NextPostedAsync();
        Assert.Contains("SIGNIN_HANDLER must be one of EventBridge, Sns", posted.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RetryAfterPastTheInvocationDeadline_FailsAtOnceWhileTheErrorCanBeReported()
    {
        await using var api = await RuntimeApiServer.StartAsync();
        // 10 s is within what the function waits for (20 s), but not within this invocation's 5 s.
        await using var slack = await SlackStandIn.StartAsync(new SlackStandIn.Reply(429, "rate_limited", RetryAfterSeconds: 10));
        var environment = new Dictionary<string, string?> { ["SLACK_WEBHOOK"] = slack.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1" };
        using var stopping = new CancellationTokenSource();
        var loop = Task.Run(() => FunctionApp.RunAsync(api.Address, environment.GetValueOrDefault, TextWriter.Null, TimeProvider.System, stopping.Token));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var id = api.Enqueue(System.Text.Encoding.UTF8.GetString(Samples.File("root-success.json")), DateTimeOffset.UtcNow.AddSeconds(5));
        var posted = await api.NextPostedAsync();
        var took = clock.Elapsed;
        await stopping.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((PostKind.Error, id, "AlertDeliveryException"), (posted.Kind, posted.RequestId, posted.ErrorType));
        using var body = JsonDocument.Parse(posted.Body);
        Assert.EndsWith("Slack webhook: rate limited, Retry-After 10 s is past the invocation deadline", body.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Single(slack.Requests);
        Assert.True(took < TimeSpan.FromSeconds(3), $"the error came after {took.TotalMilliseconds:0} ms, not at once");
    }
}
