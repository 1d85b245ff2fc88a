using System.Text.Json;
using System.Text;
using PostKind = SigninToSlack.Tests.Support.RuntimeApiServer.PostKind;
using SigninToSlack.Configuration;
using SigninToSlack.EntryPoints;
using SigninToSlack.Events;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.EndToEnd;

/// <summary>The published program, as its own process, against a local Runtime API and a local Slack.</summary>
public sealed class FunctionProcessTests
{
    private static string Sample(string name) => Encoding.UTF8.GetString(Samples.File(name));

    private static DateTimeOffset In30s => DateTimeOffset.UtcNow.AddSeconds(30);

    [Fact]
    public async Task Function_SigninThenMalformedThenSlackFailure_RespondsThenFailsTwice()
    {
        await using var api = await RuntimeApiServer.StartAsync();
        await using var slack = await SlackStandIn.StartAsync(SlackStandIn.Reply.Ok, new SlackStandIn.Reply(404, "channel_not_found"));
        using var function = FunctionProcess.Start(new Dictionary<string, string?>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = api.Address,
            ["SLACK_WEBHOOK"] = slack.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1",
            ["AWS_LAMBDA_LOG_FORMAT"] = "JSON",
        });

        var signin = api.Enqueue(Sample("root-success.json"), In30s, "Root=1-5759e988-bd862e3fe1be46a994272793");
        var malformed = api.Enqueue("{\"detail-type\": \"AWS Console Sign In via CloudTrail\", \"source\": \"aws.signin\",", In30s);
        var refused = api.Enqueue(Sample("iam-user-failure.json"), In30s);

        var first = await api.NextPostedAsync();
        var second = await api.NextPostedAsync();
        var third = await api.NextPostedAsync();

        Assert.Equal((PostKind.Response, signin), (first.Kind, first.RequestId));
        Assert.Equal("{\"posted\":1,\"skipped\":0}", first.Body);
        Assert.Contains("[CRITICAL]", slack.Requests[0].Body, StringComparison.Ordinal);

        Assert.Equal((PostKind.Error, malformed, "EventFormatException"), (second.Kind, second.RequestId, second.ErrorType));

        Assert.Equal((PostKind.Error, refused, "AlertDeliveryException"), (third.Kind, third.RequestId, third.ErrorType));
        using var error = JsonDocument.Parse(third.Body);
        Assert.Contains("404 channel_not_found", error.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);

        // Each record is written before its result is posted, but reaches this process through a pipe: wait for the last.
        for (var waited = 0; waited < 100 && function.Output.Split('\n').Count(line => line.Contains("\"_aws\"", StringComparison.Ordinal)) < 3; waited++)
        {
            await Task.Delay(100);
        }

        var output = function.Output;
        Assert.DoesNotContain("SECRETWEBHOOKTOKEN", output + third.Body, StringComparison.Ordinal);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line)).ToList();
        var metrics = lines.Where(line => line.RootElement.TryGetProperty("_aws", out _)).ToList();
        var logged = lines.Except(metrics).ToList();
        Assert.Contains(logged, line => line.RootElement.GetProperty("requestId").GetString() == signin);
        Assert.All(logged, line => Assert.True(line.RootElement.TryGetProperty("level", out _)));
        // One metrics record per invocation, the failed ones included.
        Assert.Equal([signin, malformed, refused], metrics.Select(line => line.RootElement.GetProperty("requestId").GetString()));
        Assert.Equal([1, 0, 0], metrics.Select(line => line.RootElement.GetProperty("AlertsPosted").GetInt32()));
        Assert.Equal([0, 1, 1], metrics.Select(line => line.RootElement.GetProperty("AlertsFailed").GetInt32()));
        lines.ForEach(d => d.Dispose());
    }

    [Fact]
    public async Task Function_WithoutWebhook_PostsInitErrorAndExits()
    {
        await using var api = await RuntimeApiServer.StartAsync();
        using var function = FunctionProcess.Start(new Dictionary<string, string?> { ["AWS_LAMBDA_RUNTIME_API"] = api.Address });

        var posted = await api.NextPostedAsync();
        var exit = await function.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(PostKind.InitError, posted.Kind);
        Assert.Contains("SLACK_WEBHOOK is not set", posted.Body, StringComparison.Ordinal);
        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task Function_SnsHandler_DeliversEveryRecord()
    {
        await using var api = await RuntimeApiServer.StartAsync();
        await using var slack = await SlackStandIn.StartAsync();
        using var function = FunctionProcess.Start(new Dictionary<string, string?>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = api.Address,
            ["SLACK_WEBHOOK"] = slack.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1",
            ["SIGNIN_HANDLER"] = "Sns",
        });

        api.Enqueue(Sample("sns-two-records.json"), In30s);
        var posted = await api.NextPostedAsync();

        Assert.Equal(PostKind.Response, posted.Kind);
        Assert.Equal("{\"posted\":2,\"skipped\":0}", posted.Body);
        Assert.Equal(2, slack.Requests.Count);
    }

    [Fact]
    public async Task Function_RuntimeApiGone_ExitsNonZeroWithOneLineAndNoStackTrace()
    {
        var closed = $"127.0.0.1:{LoopbackPort.Free()}";
        using var function = FunctionProcess.Start(new Dictionary<string, string?>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = closed,
            ["SLACK_WEBHOOK"] = "https://hooks.slack.com/services/T000/B000/SECRETWEBHOOKTOKEN",
        });

        var exit = await function.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, exit);
        var line = Assert.Single(function.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Runtime API unreachable for the next invocation (connection refused)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETWEBHOOKTOKEN", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_SigtermWhileSlackHangs_ReportsTheStopAndExitsZero()
    {
        await using var api = await RuntimeApiServer.StartAsync();
        await using var slack = await SlackStandIn.StartAsync(SlackStandIn.Reply.Never);
        using var function = FunctionProcess.Start(new Dictionary<string, string?>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = api.Address,
            ["SLACK_WEBHOOK"] = slack.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1",
        });

        var id = api.Enqueue(Sample("root-success.json"), In30s);
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (slack.Requests.Count == 0)
            {
                await Task.Delay(20, wait.Token);
            }
        }

        function.Terminate();
        var posted = await api.NextPostedAsync();
        var exit = await function.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal((PostKind.Error, id, "FunctionStoppedException"), (posted.Kind, posted.RequestId, posted.ErrorType));
        Assert.Contains("function stopped (SIGTERM) before the alert was delivered", posted.Body, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        Assert.DoesNotContain("   at ", function.Output, StringComparison.Ordinal);
    }
}
