using System.Text.Json;
using System.Text;
using System.Text.RegularExpressions;
using SigninToSlack.App;
using SigninToSlack.Configuration;
using SigninToSlack.Delivery;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.App;

public sealed class LocalInvokeTests
{
    private sealed record Run(int Exit, string Stdout, string Stderr);

    /// <summary>Short enough that a webhook whose handshake never completes fails in about a second.</summary>
    private static readonly SlackRetryOptions Quick = new()
    {
        MaxRetries = 2,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(2),
        ConnectTimeout = TimeSpan.FromMilliseconds(300),
    };

    private static async Task<Run> InvokeAsync(string[] args, Dictionary<string, string?>? environment = null, string stdin = "", SlackRetryOptions? slack = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        var exit = await LocalInvoke.RunAsync(args, name => environment?.GetValueOrDefault(name), input, stdout, stderr, TimeProvider.System, slack);
        return new Run(exit, stdout.ToString(), stderr.ToString());
    }

    private static string Sample(string name) => Path.Combine(RepoFiles.Events, name);

    /// <summary>
    /// Every sample prints one valid Block Kit payload per message on stdout and one severity line per message on stderr
    /// (an SQS batch also names each event folded into a summary, and ends with its batch response).
    /// </summary>
    [Theory]
    [MemberData(nameof(RepoFiles.SigninSamples), MemberType = typeof(RepoFiles))]
    public async Task Invoke_EverySigninSample_PrintsValidPayloadPerEvent(string file)
    {
        // "none" lifts the default quieting of CheckMfa, so every sample is alerted.
        var run = await InvokeAsync([Sample(file)], new() { ["SIGNIN_IGNORE_EVENTS"] = "none" });

        Assert.Equal(LocalInvoke.Handled, run.Exit);
        var payloads = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith("folded into burst-", StringComparison.Ordinal) && line != NoBatchFailures).ToArray();
        Assert.NotEmpty(payloads);
        Assert.Equal(payloads.Length, lines.Length);
        Assert.All(lines, line => Assert.Matches("^(critical|high|info) ", line));
        foreach (var payload in payloads)
        {
            BlockKit.AssertValid(payload);
        }
    }

    private const string NoBatchFailures = "batch response: {\"batchItemFailures\":[]}";

    /// <summary>The message IDs of the SQS sample, in order.</summary>
    private static string[] SprayingMessageIds()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Sample("sqs-batch-spraying.json")));
        return [.. doc.RootElement.GetProperty("Records").EnumerateArray().Select(r => r.GetProperty("messageId").GetString()!)];
    }

    [Fact]
    public async Task Invoke_SqsBatchSample_PrintsOneSummaryAndTheRaisedSuccess()
    {
        var run = await InvokeAsync([Sample("sqs-batch-spraying.json")]);

        Assert.Equal(LocalInvoke.Handled, run.Exit);

        // Two payloads, oldest first: the summary of the six failures, then the success, raised to high.
        var payloads = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, payloads.Length);
        Assert.All(payloads, BlockKit.AssertValid);
        var summaryId = Regex.Match(payloads[0], "Summary ID (burst-[0-9a-f]{32}) \u00b7 6 events folded").Groups[1].Value;
        Assert.NotEmpty(summaryId);
        Assert.Contains("[HIGH]", payloads[1], StringComparison.Ordinal);
        Assert.Contains("after 6 failed attempts", payloads[1], StringComparison.Ordinal);

        // One line per record (each failure folded into that summary), the summary's own line, then the batch response.
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(9, lines.Length);
        Assert.All(lines[..6], line => Assert.StartsWith($"folded into {summaryId}: high ", line, StringComparison.Ordinal));
        Assert.Matches("^high .* from 203\\.0\\.113\\.50 after 6 failed attempts$", lines[6]);
        Assert.StartsWith("high 6 failed sign-ins to 6 users in account 111122223333 from 203.0.113.50 ", lines[7], StringComparison.Ordinal);
        Assert.Equal(NoBatchFailures, lines[8]);
    }

    [Fact]
    public async Task Invoke_SqsBatchAboveTheBurstThreshold_PrintsEveryAlertOnItsOwn()
    {
        var run = await InvokeAsync([Sample("sqs-batch-spraying.json")], new() { ["SIGNIN_BURST_THRESHOLD"] = "7" });

        Assert.Equal(LocalInvoke.Handled, run.Exit);
        var payloads = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, payloads.Length);
        Assert.DoesNotContain(payloads, p => p.Contains("burst of failed sign-ins", StringComparison.Ordinal));
        Assert.Contains("after 6 failed attempts", payloads[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("folded into", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_SqsBatchWithWebhook_PostsTheSummaryAndTheSuccessOnly()
    {
        await using var slack = await SlackStandIn.StartAsync();

        var run = await InvokeAsync([Sample("sqs-batch-spraying.json")], new() { ["SLACK_WEBHOOK"] = slack.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1" });

        Assert.Equal(LocalInvoke.Handled, run.Exit);
        Assert.Empty(run.Stdout);
        Assert.Equal(2, slack.Requests.Count);
        Assert.Contains("burst of failed sign-ins", slack.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("after 6 failed attempts", slack.Requests[1].Body, StringComparison.Ordinal);
        Assert.Equal(NoBatchFailures, run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
    }

    [Fact]
    public async Task Invoke_SqsBatchSummaryRefused_ExitsOneNamingExactlyItsRecordsInTheBatchResponse()
    {
        // Slack refuses the first post (the summary) and takes the second (the success).
        await using var slack = await SlackStandIn.StartAsync(new SlackStandIn.Reply(404, "channel_not_found"));

        var run = await InvokeAsync([Sample("sqs-batch-spraying.json")], new() { ["SLACK_WEBHOOK"] = slack.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1" });

        Assert.Equal(LocalInvoke.DeliveryFailed, run.Exit);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("after 6 failed attempts", lines[6], StringComparison.Ordinal);
        Assert.Matches("^high 6 failed sign-ins .* - NOT DELIVERED: Slack webhook answered 404 channel_not_found$", lines[7]);
        var expected = string.Join(',', SprayingMessageIds()[..6].Select(id => $$"""{"itemIdentifier":"{{id}}"}"""));
        Assert.Equal($$"""batch response: {"batchItemFailures":[{{expected}}]}""", lines[8]);
        Assert.DoesNotContain("SECRETWEBHOOKTOKEN", run.Stderr + run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_SqsBatchWithUnreadableRecord_NamesItAndExitsTwo()
    {
        var batch = """{"Records":[{"messageId":"m-junk","body":"not json","eventSource":"aws:sqs"}]}""";

        var run = await InvokeAsync(["-"], stdin: batch);

        Assert.Equal(LocalInvoke.BadInput, run.Exit);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("failed: SQS record 1 (message m-junk): ", lines[0], StringComparison.Ordinal);
        Assert.Equal("""batch response: {"batchItemFailures":[{"itemIdentifier":"m-junk"}]}""", lines[1]);
    }

    [Theory]
    [MemberData(nameof(RepoFiles.OtherSamples), MemberType = typeof(RepoFiles))]
    public async Task Invoke_NotASigninSample_IsSkippedWithReason(string file)
    {
        var run = await InvokeAsync([Sample(Path.Combine("not-signin", file))]);

        Assert.Equal(LocalInvoke.Handled, run.Exit);
        Assert.Empty(run.Stdout);
        Assert.StartsWith("skipped: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_BareCloudTrailRecord_IsWrappedAndAlerted()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Sample("root-failure.json")));
        var record = doc.RootElement.GetProperty("detail").GetRawText();

        var run = await InvokeAsync(["-"], stdin: record);

        Assert.Equal(LocalInvoke.Handled, run.Exit);
        Assert.StartsWith("critical The root user", run.Stderr, StringComparison.Ordinal);
        BlockKit.AssertValid(run.Stdout.Trim());
    }

    [Fact]
    public async Task Invoke_MissingFile_ExitsTwoWithOneLine()
    {
        var run = await InvokeAsync(["no/such/file.json"]);

        Assert.Equal(LocalInvoke.BadInput, run.Exit);
        Assert.Equal("error: cannot read no/such/file.json: no such file", run.Stderr.Trim());
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"hello\":\"world\"}")]
    [InlineData("42")]
    public async Task Invoke_NotAnEvent_ExitsTwoWithOneLine(string input)
    {
        var run = await InvokeAsync(["-"], stdin: input);

        Assert.Equal(LocalInvoke.BadInput, run.Exit);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_NoArguments_ExitsTwoWithUsage()
    {
        var run = await InvokeAsync([]);

        Assert.Equal(LocalInvoke.BadInput, run.Exit);
        Assert.Contains("usage:", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WithWebhook_PostsToSlackAndPrintsNothingOnStdout()
    {
        await using var slack = await SlackStandIn.StartAsync();

        var run = await InvokeAsync([Sample("iam-user-failure.json")], new() { ["SLACK_WEBHOOK"] = slack.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1" });

        Assert.Equal(LocalInvoke.Handled, run.Exit);
        Assert.Empty(run.Stdout);
        var posted = Assert.Single(slack.Requests);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoFiles.Root, "test", "SigninToSlack.Tests", "Formatting", "golden", "iam-user-failure.payload.json")).TrimEnd(), posted.Body);
    }

    [Fact]
    public async Task Invoke_WithWebhookAndDryRun_PrintsAndDoesNotPost()
    {
        await using var slack = await SlackStandIn.StartAsync();

        var run = await InvokeAsync([Sample("iam-user-failure.json"), "--dry-run"], new() { ["SLACK_WEBHOOK"] = slack.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1" });

        Assert.Equal(LocalInvoke.Handled, run.Exit);
        Assert.Empty(slack.Requests);
        BlockKit.AssertValid(run.Stdout.Trim());
    }

    [Fact]
    public async Task Invoke_SlackRefuses_ExitsOneWithStatusAndNoSecret()
    {
        await using var slack = await SlackStandIn.StartAsync(new SlackStandIn.Reply(404, "channel_not_found"));

        var run = await InvokeAsync([Sample("root-success.json")], new() { ["SLACK_WEBHOOK"] = slack.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1" });

        Assert.Equal(LocalInvoke.DeliveryFailed, run.Exit);
        Assert.Contains("NOT DELIVERED: Slack webhook answered 404 channel_not_found", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETWEBHOOKTOKEN", run.Stderr + run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_InvalidWebhook_ExitsTwoNamingTheVariable()
    {
        var run = await InvokeAsync([Sample("root-success.json")], new() { ["SLACK_WEBHOOK"] = "http://hooks.example.com/SECRET" });

        Assert.Equal(LocalInvoke.BadInput, run.Exit);
        Assert.StartsWith("error: SLACK_WEBHOOK", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WebhookHandshakeNeverCompletes_ExitsOneWithOneLineAndNoStackTrace()
    {
        using var blackhole = await BlackholeListener.StartAsync();

        var run = await InvokeAsync([Sample("root-success.json")], new() { ["SLACK_WEBHOOK"] = blackhole.Url(SlackStandIn.HookPath).ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1" }, slack: Quick);

        Assert.Equal(LocalInvoke.DeliveryFailed, run.Exit);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("NOT DELIVERED: Slack webhook: no connection within 0.3 s, 3 attempts", line.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETWEBHOOKTOKEN", run.Stderr + run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_StoredWebhooksServiceHandshakeNeverCompletes_ExitsOneNamingTheReference()
    {
        using var blackhole = await BlackholeListener.StartAsync();
        var environment = SecretsEnvironment.ForMoto(blackhole.Url("/"));
        environment["SLACK_WEBHOOK"] = "ssm:/signin-to-slack/webhook";

        var run = await InvokeAsync([Sample("root-success.json")], environment, slack: Quick);

        Assert.Equal(LocalInvoke.DeliveryFailed, run.Exit);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("NOT DELIVERED: SLACK_WEBHOOK=ssm:/signin-to-slack/webhook could not be resolved: no connection", line.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_FaultNothingNames_ExitsOneWithOneLineWithoutItsTextOrAStackTrace()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        await using var input = new FaultingStream();

        var exit = await LocalInvoke.RunAsync(["-"], _ => null, input, stdout, stderr, TimeProvider.System);

        Assert.Equal(LocalInvoke.DeliveryFailed, exit);
        Assert.Equal("error: unexpected InvalidOperationException; the alert may not have been delivered", stderr.ToString().Trim());
    }

    /// <summary>Standard input that fails in a way no part of the function expects, with a message that must not be shown.</summary>
    private sealed class FaultingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("https://hooks.slack.com/services/T/B/SECRET");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("https://hooks.slack.com/services/T/B/SECRET");
    }
}
