using SigninToSlack.Secrets;
using System.Diagnostics;
using System.Text;
using Reply = SigninToSlack.Tests.Support.SlackStandIn.Reply;
using SigninToSlack.Configuration;
using SigninToSlack.Delivery;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Delivery;

public sealed class SlackWebhookClientTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"text":"hello"}""");

    private static readonly SlackRetryOptions Fast = new()
    {
        MaxRetries = 3,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(2),
        MaxRetryAfter = TimeSpan.FromSeconds(5),
    };

    private static Task<SlackDeliveryException?> DeliverAsync(SlackStandIn slack, SlackRetryOptions? options = null, TimeSpan? budget = null) =>
        DeliverAsync(slack.WebhookUrl, options, budget);

    /// <param name="budget">When the caller cancels; the client is told it as its deadline.</param>
    private static async Task<SlackDeliveryException?> DeliverAsync(Uri webhook, SlackRetryOptions? options = null, TimeSpan? budget = null, ISecret<Uri>? secret = null)
    {
        using var http = SlackSender.CreateHttpClient(options ?? Fast);
        var client = new SlackWebhookClient(http, secret ?? new PlainSecret<Uri>(webhook), options ?? Fast, TimeProvider.System);
        var time = budget ?? TimeSpan.FromSeconds(20);
        using var deadline = new CancellationTokenSource(time);
        try
        {
            await client.DeliverAsync(Payload, DateTimeOffset.UtcNow + time, deadline.Token);
            return null;
        }
        catch (SlackDeliveryException ex)
        {
            return ex;
        }
    }

    [Fact]
    public async Task DeliverAsync_SlackAnswersOk_PostsJsonOnce()
    {
        await using var slack = await SlackStandIn.StartAsync(Reply.Ok);

        var error = await DeliverAsync(slack);

        Assert.Null(error);
        var request = Assert.Single(slack.Requests);
        Assert.Equal(SlackStandIn.HookPath, request.Path);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("""{"text":"hello"}""", request.Body);
    }

    [Fact]
    public async Task DeliverAsync_RateLimitedWithRetryAfter_WaitsThenSucceeds()
    {
        await using var slack = await SlackStandIn.StartAsync(new Reply(429, "rate_limited", RetryAfterSeconds: 1), Reply.Ok);

        var error = await DeliverAsync(slack);

        Assert.Null(error);
        Assert.Equal(2, slack.Requests.Count);
        var waited = slack.Requests[1].At - slack.Requests[0].At;
        Assert.True(waited >= TimeSpan.FromMilliseconds(900), $"retried after {waited.TotalMilliseconds} ms, before Retry-After");
    }

    [Fact]
    public async Task DeliverAsync_ServerErrorThenOk_RetriesAndSucceeds()
    {
        await using var slack = await SlackStandIn.StartAsync(new Reply(500, "rollup_error"), Reply.Ok);

        var error = await DeliverAsync(slack);

        Assert.Null(error);
        Assert.Equal(2, slack.Requests.Count);
    }

    [Fact]
    public async Task DeliverAsync_ChannelNotFound_FailsAtOnceWithStatusAndBodyButNoUrl()
    {
        await using var slack = await SlackStandIn.StartAsync(new Reply(404, "channel_not_found"));

        var error = await DeliverAsync(slack);

        Assert.NotNull(error);
        Assert.Single(slack.Requests);
        Assert.Contains("404 channel_not_found", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETWEBHOOKTOKEN", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(slack.WebhookUrl.Authority, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_ServerErrorEveryTime_GivesUpAfterBoundedRetries()
    {
        await using var slack = await SlackStandIn.StartAsync(Enumerable.Repeat(new Reply(503, "no_service"), 10).ToArray());

        var error = await DeliverAsync(slack);

        Assert.NotNull(error);
        Assert.Equal(Fast.MaxRetries + 1, slack.Requests.Count);
        Assert.Contains("503 no_service", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_RetryAfterLongerThanAllowed_FailsWithoutWaiting()
    {
        await using var slack = await SlackStandIn.StartAsync(new Reply(429, "rate_limited", RetryAfterSeconds: 60));
        var clock = Stopwatch.StartNew();

        var error = await DeliverAsync(slack);

        Assert.NotNull(error);
        Assert.Single(slack.Requests);
        Assert.Contains("429 rate_limited", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task DeliverAsync_ServerNeverAnswers_TimesOutEachAttemptAndFails()
    {
        await using var slack = await SlackStandIn.StartAsync(Reply.Never, Reply.Never);
        // Long enough for the stand-in to record each request under load, short enough to keep the test quick.
        var options = Fast with { MaxRetries = 1, AttemptTimeout = TimeSpan.FromSeconds(1) };

        var error = await DeliverAsync(slack, options);

        Assert.NotNull(error);
        Assert.Equal(2, slack.Requests.Count);
        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETWEBHOOKTOKEN", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The first attempt runs outside the retry pipeline: its timeout still hands over to the retries.</summary>
    [Fact]
    public async Task DeliverAsync_FirstAttemptTimesOutThenOk_RetriesAndSucceeds()
    {
        await using var slack = await SlackStandIn.StartAsync(Reply.Never, Reply.Ok);
        var options = Fast with { MaxRetries = 1, AttemptTimeout = TimeSpan.FromSeconds(1) };

        var error = await DeliverAsync(slack, options);

        Assert.Null(error);
        Assert.Equal(2, slack.Requests.Count);
    }

    [Fact]
    public async Task DeliverAsync_FirstConnectionDroppedThenOk_RetriesAndSucceeds()
    {
        await using var slack = await SlackStandIn.StartAsync(Reply.Dropped, Reply.Ok);

        var error = await DeliverAsync(slack);

        Assert.Null(error);
        Assert.Equal(2, slack.Requests.Count);
    }

    [Fact]
    public async Task DeliverAsync_NoRetriesAndServerError_FailsAfterOneAttempt()
    {
        await using var slack = await SlackStandIn.StartAsync(new Reply(500, "rollup_error"), Reply.Ok);

        var error = await DeliverAsync(slack, Fast with { MaxRetries = 0 });

        Assert.NotNull(error);
        Assert.Single(slack.Requests);
        Assert.Contains("500 rollup_error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_DeadlineBeforeAnswer_FailsAtTheDeadline()
    {
        await using var slack = await SlackStandIn.StartAsync(Reply.Never);
        var clock = Stopwatch.StartNew();

        var error = await DeliverAsync(slack, Fast with { AttemptTimeout = TimeSpan.FromSeconds(30) }, TimeSpan.FromMilliseconds(500));

        Assert.NotNull(error);
        Assert.Contains("deadline", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task DeliverAsync_NothingListening_FailsAsUnreachable()
    {
        var slack = await SlackStandIn.StartAsync();
        var url = slack.WebhookUrl;
        await slack.DisposeAsync();
        using var http = SlackSender.CreateHttpClient();
        var client = new SlackWebhookClient(http, new PlainSecret<Uri>(url), Fast, TimeProvider.System);

        var error = await Assert.ThrowsAsync<SlackDeliveryException>(() => client.DeliverAsync(Payload, DateTimeOffset.MaxValue, CancellationToken.None));

        Assert.Contains("unreachable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETWEBHOOKTOKEN", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_HandshakeNeverCompletes_RetriesEachConnectTimeoutThenFailsInOneLine()
    {
        using var blackhole = await BlackholeListener.StartAsync();
        var options = Fast with { MaxRetries = 1, ConnectTimeout = TimeSpan.FromMilliseconds(300) };
        var clock = Stopwatch.StartNew();

        var error = await DeliverAsync(blackhole.Url(SlackStandIn.HookPath), options);

        Assert.NotNull(error);
        Assert.Equal("Slack webhook: no connection within 0.3 s, 2 attempts", error.Message);
        // Two connect timeouts: the first was retried like a 5xx.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(550), $"gave up after {clock.ElapsedMilliseconds} ms, before a second attempt");
        Assert.DoesNotContain("SECRETWEBHOOKTOKEN", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_HandshakeNeverCompletesUntilTheDeadline_FailsAtTheDeadlineNamingTheLastProblem()
    {
        using var blackhole = await BlackholeListener.StartAsync();
        var options = Fast with { MaxRetries = 20, ConnectTimeout = TimeSpan.FromMilliseconds(200) };

        var error = await DeliverAsync(blackhole.Url(SlackStandIn.HookPath), options, TimeSpan.FromMilliseconds(900));

        Assert.NotNull(error);
        Assert.StartsWith("Slack webhook: gave up at the invocation deadline (last failed attempt: no connection within 0.2 s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_RetryAfterPastTheDeadline_FailsAtOnceSayingSo()
    {
        await using var slack = await SlackStandIn.StartAsync(new Reply(429, "rate_limited", RetryAfterSeconds: 3), Reply.Ok);
        var clock = Stopwatch.StartNew();

        // Slack asks for 3 s, within what the function would wait, but the invocation ends in 2 s.
        var error = await DeliverAsync(slack, budget: TimeSpan.FromSeconds(2));

        Assert.NotNull(error);
        Assert.Equal("Slack webhook: rate limited, Retry-After 3 s is past the invocation deadline", error.Message);
        Assert.Single(slack.Requests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"failed after {clock.ElapsedMilliseconds} ms, not at once");
    }

    [Fact]
    public async Task DeliverAsync_StoredWebhookReadPastTheDeadline_FailsInOneLineNamingTheReference()
    {
        var reference = SecretReference.Parse("ssm:/signin-to-slack/webhook")!;
        var secrets = new SecretCache(new NeverAnsweringSource(), TimeSpan.FromMinutes(5), TimeProvider.System);
        var secret = new ReferencedSecret<Uri>("SLACK_WEBHOOK", reference, secrets, SlackHosts.SlackOnly.Webhook);

        var error = await DeliverAsync(new Uri("https://hooks.slack.com/unused"), budget: TimeSpan.FromMilliseconds(300), secret: secret);

        Assert.NotNull(error);
        Assert.Equal("Slack webhook: gave up at the invocation deadline while reading SLACK_WEBHOOK=ssm:/signin-to-slack/webhook", error.Message);
    }

    /// <summary>A secret source whose service never answers: only the caller's cancellation ends the read.</summary>
    private sealed class NeverAnsweringSource : ISecretSource
    {
        public async Task<string> FetchAsync(SecretKind kind, string id, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return string.Empty;
        }
    }

    /// <summary>The webhook stored in SSM (a counting stand-in), read through a real cache.</summary>
    private static ISecret<Uri> Stored(CountingSecretSource source) =>
        SecretSetting<Uri>.Referenced("SLACK_WEBHOOK", new SecretReference(SecretKind.Ssm, "/signin-to-slack/webhook"), SlackHosts.Read(name => name == "SLACK_EXTRA_HOSTS" ? "127.0.0.1" : null).Webhook)
            .Bind(new SecretCache(source, TimeSpan.FromMinutes(5), TimeProvider.System));

    private static async Task<SlackDeliveryException?> DeliverToAsync(ISecret<Uri> webhook)
    {
        using var http = SlackSender.CreateHttpClient();
        // These tests are about the answers, not timeouts: an attempt slowed by a busy machine must not turn into a retry.
        var client = new SlackWebhookClient(http, webhook, Fast with { AttemptTimeout = TimeSpan.FromSeconds(30) }, TimeProvider.System);
        try
        {
            await client.DeliverAsync(Payload, DateTimeOffset.MaxValue, CancellationToken.None);
            return null;
        }
        catch (SlackDeliveryException ex)
        {
            return ex;
        }
    }

    [Theory]
    [InlineData(403, "action_prohibited")]
    [InlineData(404, "channel_not_found")]
    public async Task DeliverAsync_StoredWebhookRefusedThenRotated_ReadsItAgainAndPostsToTheNewOne(int status, string answer)
    {
        await using var slack = await SlackStandIn.StartAsync(new Reply(status, answer), Reply.Ok);
        var source = new CountingSecretSource();
        source.Values["/signin-to-slack/webhook"] = new Uri(slack.WebhookUrl, "/services/T000/B000/OLD").ToString();
        var webhook = Stored(source);
        await webhook.GetAsync(CancellationToken.None);
        source.Values["/signin-to-slack/webhook"] = new Uri(slack.WebhookUrl, "/services/T000/B000/NEW").ToString();

        var error = await DeliverToAsync(webhook);

        Assert.Null(error);
        Assert.Equal(["/services/T000/B000/OLD", "/services/T000/B000/NEW"], slack.Requests.Select(r => r.Path));
        Assert.Equal(2, source.Fetches);
    }

    [Fact]
    public async Task DeliverAsync_StoredWebhookRefusedAndUnchanged_FailsWithoutPostingAgain()
    {
        await using var slack = await SlackStandIn.StartAsync(new Reply(404, "channel_not_found"), Reply.Ok);
        var source = new CountingSecretSource();
        source.Values["/signin-to-slack/webhook"] = slack.WebhookUrl.ToString();

        var error = await DeliverToAsync(Stored(source));

        Assert.Equal("Slack webhook answered 404 channel_not_found", error?.Message);
        Assert.Single(slack.Requests);
        Assert.Equal(2, source.Fetches);
    }

    [Fact]
    public async Task DeliverAsync_WebhookGivenDirectlyRefused_FailsAtOnce()
    {
        await using var slack = await SlackStandIn.StartAsync(new Reply(404, "channel_not_found"), Reply.Ok);

        var error = await DeliverToAsync(new PlainSecret<Uri>(slack.WebhookUrl));

        Assert.Equal(404, error?.Status);
        Assert.Single(slack.Requests);
    }

    [Fact]
    public async Task DeliverAsync_StoredWebhookAnswers410_IsNotReadAgain()
    {
        await using var slack = await SlackStandIn.StartAsync(new Reply(410, "channel_is_archived"), Reply.Ok);
        var source = new CountingSecretSource();
        source.Values["/signin-to-slack/webhook"] = slack.WebhookUrl.ToString();

        var error = await DeliverToAsync(Stored(source));

        Assert.Equal("Slack webhook answered 410 channel_is_archived", error?.Message);
        Assert.Equal(1, source.Fetches);
    }
}
