using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text;
using PostKind = SigninToSlack.Tests.Support.RuntimeApiServer.PostKind;
using Reply = SigninToSlack.Tests.Support.SlackStandIn.Reply;
using SigninToSlack.App;
using SigninToSlack.Delivery;
using SigninToSlack.Tests.Support;
using Xunit.Abstractions;

namespace SigninToSlack.Tests.App;

/// <summary>
/// 200 invocations through the real Runtime API loop (four function instances, as four Lambda containers would take
/// them) against a Slack that answers a seeded random mix of 200, 429 with Retry-After, 500, 404, slow answers, dropped
/// connections and no answer, and an account webhook whose TCP handshake never completes. Every invocation must end as
/// exactly one thing before its deadline: a response for an alert Slack took, or an /error that names the reason.
/// </summary>
[Collection(RuntimeLoopTests.Name)]
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int Invocations = 200;
    private const int Containers = 4;
    private const int Seed = 20261202;
    private const string SampleEventId = "d38ce1b3-4575-4cb8-a632-611b8243bfc3";
    private const string SampleAccount = "111122223333";
    private const string BlackholeAccount = "999988887777";
    private const string BlackholeToken = "SECRETBLACKHOLETOKEN";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    /// <summary>Small delays and timeouts, so that a run that meets every fault still takes well under a minute.</summary>
    private static readonly SlackRetryOptions Short = new()
    {
        MaxRetries = 3,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = TimeSpan.FromMilliseconds(400),
        MaxRetryAfter = TimeSpan.FromSeconds(60),
        ConnectTimeout = TimeSpan.FromMilliseconds(150),
    };

    /// <summary>The reasons an /error may give: each names what failed.</summary>
    private static readonly Regex NamedReason = new(
        @"answered (404 channel_not_found|500 rollup_error|429 rate_limited)|rate limited, Retry-After 5 s is past the invocation deadline|no connection within 0\.15 s"
        + @"|did not answer within 0\.4 s|unreachable \(\w+\)|gave up at the invocation deadline|the invocation deadline came before",
        RegexOptions.CultureInvariant);

    private static Reply NextReply(Random random) => random.Next(100) switch
    {
        < 40 => Reply.Ok,
        < 47 => new Reply(429, "rate_limited", RetryAfterSeconds: 0),
        < 54 => new Reply(429, "rate_limited", RetryAfterSeconds: 5),
        < 64 => new Reply(500, "rollup_error"),
        < 69 => new Reply(404, "channel_not_found"),
        < 81 => new Reply(200, "ok", DelayMs: random.Next(50, 700)),
        < 93 => Reply.Dropped,
        _ => Reply.Never,
    };

    private sealed record Sent(string EventId, bool Blackholed, DateTimeOffset Deadline);

    private sealed record Ended(RuntimeApiServer.Posted Posted, DateTimeOffset At);

    [Fact]
    public async Task Function_TwoHundredInvocationsAgainstAFaultySlack_EachEndsInATakenAlertOrANamedError()
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(Seed);
        await using var slack = await SlackStandIn.StartAsync([.. Enumerable.Range(0, 4000).Select(_ => NextReply(random))]);
        using var blackhole = await BlackholeListener.StartAsync();
        await using var api = await RuntimeApiServer.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            ["SLACK_WEBHOOK"] = slack.WebhookUrl.ToString(),
            ["SLACK_EXTRA_HOSTS"] = "127.0.0.1",
            ["SLACK_ACCOUNT_WEBHOOKS"] = $"{BlackholeAccount}={blackhole.Url("/services/T000/B000/" + BlackholeToken)}",
            ["AWS_LAMBDA_LOG_FORMAT"] = "JSON",
        };
        var sample = Encoding.UTF8.GetString(Samples.File("iam-user-failure.json"));

        using var stopping = new CancellationTokenSource();
        var logs = Enumerable.Range(0, Containers).Select(_ => new StringWriter()).ToArray();
        var containers = logs
            .Select(log => Task.Run(() => FunctionApp.RunAsync(api.Address, environment.GetValueOrDefault, TextWriter.Synchronized(log), TimeProvider.System, stopping.Token, Short)))
            .ToArray();

        // A container that ends before it is stopped (settings refused at start-up, a crash) fails the test at once,
        // with what it logged, instead of leaving the invocations to time out.
        var anyExited = Task.WhenAny(containers);
        async Task Within(Task work, TimeSpan timeout)
        {
            var first = await Task.WhenAny(work, anyExited, Task.Delay(timeout));
            if (first == anyExited)
            {
                Assert.Fail($"a function container ended early (exit {await await anyExited}): {string.Concat(logs.Select(l => l.ToString()))}");
            }

            Assert.True(first == work, $"no progress within {timeout.TotalSeconds:0} s");
            await work;
        }

        // At most one invocation waits per container, so that none spends its deadline in the queue.
        var sent = new ConcurrentDictionary<string, Sent>();
        var ended = new ConcurrentDictionary<string, List<Ended>>();
        using var slots = new SemaphoreSlim(Containers);
        var reader = Task.Run(async () =>
        {
            for (var n = 0; n < Invocations; n++)
            {
                var posted = await api.NextPostedAsync(TimeSpan.FromSeconds(30));
                ended.GetOrAdd(posted.RequestId ?? "(none)", _ => []).Add(new Ended(posted, DateTimeOffset.UtcNow));
                slots.Release();
            }
        });

        for (var i = 0; i < Invocations; i++)
        {
            await Within(slots.WaitAsync(TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(31));
            var blackholed = random.Next(10) == 0;
            var eventId = $"00000000-0000-4000-8000-{i:D12}";
            var payload = sample.Replace(SampleEventId, eventId, StringComparison.Ordinal);
            if (blackholed)
            {
                payload = payload.Replace(SampleAccount, BlackholeAccount, StringComparison.Ordinal);
            }

            var deadline = DateTimeOffset.UtcNow + Deadline;
            sent[api.Enqueue(payload, deadline)] = new Sent(eventId, blackholed, deadline);
        }

        await Within(reader, TimeSpan.FromSeconds(60));
        // Nothing more comes: no invocation was answered twice.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => api.NextPostedAsync(TimeSpan.FromMilliseconds(300)));
        await stopping.CancelAsync();
        var exits = await Task.WhenAll(containers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(exits, exit => Assert.Equal(0, exit));
        Assert.Equal(Invocations, sent.Count);
        var taken = slack.Accepted;
        int responses = 0, noConnection = 0, pastDeadline = 0;
        foreach (var (requestId, invocation) in sent)
        {
            var end = Assert.Single(ended[requestId]);
            Assert.True(end.At <= invocation.Deadline + TimeSpan.FromMilliseconds(250), $"{requestId} ended {(end.At - invocation.Deadline).TotalMilliseconds:0} ms after its deadline");
            if (end.Posted.Kind == PostKind.Response)
            {
                responses++;
                Assert.False(invocation.Blackholed, $"{requestId} was answered, but its webhook cannot be reached");
                Assert.Equal("""{"posted":1,"skipped":0}""", end.Posted.Body);
                Assert.Contains(taken, body => body.Contains(invocation.EventId, StringComparison.Ordinal));
                continue;
            }

            Assert.Equal(PostKind.Error, end.Posted.Kind);
            using var error = JsonDocument.Parse(end.Posted.Body);
            var message = error.RootElement.GetProperty("errorMessage").GetString()!;
            Assert.True(NamedReason.IsMatch(message), message);
            Assert.DoesNotContain('\n', message);
            Assert.Contains(end.Posted.ErrorType, new[] { "AlertDeliveryException", "DeadlineExceededException" });
            noConnection += message.Contains("no connection within", StringComparison.Ordinal) ? 1 : 0;
            pastDeadline += message.Contains("is past the invocation deadline", StringComparison.Ordinal) ? 1 : 0;
        }

        output.WriteLine($"{responses} responses, {Invocations - responses} errors ({noConnection} no connection, {pastDeadline} Retry-After past the deadline), {slack.Requests.Count} Slack requests, {clock.Elapsed.TotalSeconds:0.0} s");
        // The mix did reach each kind of ending.
        Assert.True(responses > 0 && noConnection > 0 && pastDeadline > 0, $"responses {responses}, no connection {noConnection}, Retry-After past the deadline {pastDeadline}");
        var everything = string.Concat(logs.Select(l => l.ToString())) + string.Concat(ended.Values.SelectMany(e => e).Select(e => e.Posted.Body));
        Assert.DoesNotContain("SECRETWEBHOOKTOKEN", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(BlackholeToken, everything, StringComparison.Ordinal);
        foreach (var line in string.Concat(logs.Select(l => l.ToString())).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // One JSON record per line, none of them a stack trace.
            using var record = JsonDocument.Parse(line);
            if (record.RootElement.TryGetProperty("_aws", out _))
            {
                continue; // the invocation's metrics
            }

            Assert.DoesNotContain(" at SigninToSlack.", record.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the soak took {clock.Elapsed.TotalSeconds:0} s");
        foreach (var log in logs)
        {
            await log.DisposeAsync();
        }
    }
}
