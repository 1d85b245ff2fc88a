using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using SigninToSlack.Tests.Support;
using Xunit.Abstractions;
using PostKind = SigninToSlack.Tests.Support.RuntimeApiServer.PostKind;

namespace SigninToSlack.Tests.EndToEnd;

/// <summary>
/// A spraying run of 300 sign-in events through the SQS entry point, in batches of 100, against a Slack webhook that
/// takes one message a second after a burst of three: every event is posted on its own or counted in a summary,
/// none is lost or posted twice, and the run ends well within its bound.
/// </summary>
public sealed partial class BurstTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SqsHandler_SprayingRunOf300_EveryEventPostedOnceOrCountedInOneSummary()
    {
        var run = SprayingRun.Create(300);
        await using var api = await RuntimeApiServer.StartAsync();
        await using var slack = await SlackStandIn.StartRateLimitedAsync(perSecond: 1, burst: 3);
        using var function = FunctionProcess.Start(new Dictionary<string, string?>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = api.Address,
            ["SLACK_WEBHOOK"] = slack.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1",
            ["SIGNIN_HANDLER"] = "Sqs",
        });

        var clock = Stopwatch.StartNew();
        var requests = run.Chunk(100).Select(batch => api.Enqueue(SprayingRun.SqsBatch(batch.Select(e => e.Json)), DateTimeOffset.UtcNow.AddSeconds(80))).ToList();
        foreach (var request in requests)
        {
            var posted = await api.NextPostedAsync(TimeSpan.FromSeconds(80));
            Assert.Equal((PostKind.Response, request), (posted.Kind, posted.RequestId));
            Assert.Equal("{\"batchItemFailures\":[]}", posted.Body);
        }

        var elapsed = clock.Elapsed;
        var accepted = slack.Accepted;
        var lastAt = slack.Requests.Max(r => r.At);

        // Each message is an alert (its event ID in the context line) or a summary (its ID and count there).
        var single = new List<string>();
        var summaries = new Dictionary<string, int>();
        foreach (var body in accepted)
        {
            BlockKit.AssertValid(body);
            using var doc = JsonDocument.Parse(body);
            var context = doc.RootElement.GetProperty("attachments")[0].GetProperty("blocks").EnumerateArray().Last().GetProperty("elements")[0].GetProperty("text").GetString()!;
            if (SummaryLine().Match(context) is { Success: true } summary)
            {
                Assert.True(summaries.TryAdd(summary.Groups[1].Value, int.Parse(summary.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)), "summary posted twice");
            }
            else
            {
                single.Add(EventLine().Match(context).Groups[1].Value);
            }
        }

        // The function's log names the summary each folded event went into.
        var folded = FoldedLine().Matches(function.Output).Select(m => (Summary: m.Groups[1].Value, Event: m.Groups[2].Value)).ToList();
        var successes = run.Where(e => e.Success).Select(e => e.EventId).ToHashSet();
        Assert.Equal(successes.Order(), single.Order());
        Assert.Equal(run.Count, single.Count + summaries.Values.Sum());
        Assert.Equal(run.Where(e => !e.Success).Select(e => e.EventId).Order(), folded.Select(f => f.Event).Order());
        Assert.All(summaries, s => Assert.Equal(s.Value, folded.Count(f => f.Summary == s.Key)));
        Assert.Equal(9, summaries.Count);

        // Successes from an attacker's IP come raised, after the failures from it.
        var raised = accepted.Where(b => b.Contains("failed attempts", StringComparison.Ordinal)).ToList();
        Assert.Equal(run.Count(e => e.Success && e.SourceIp != SprayingRun.OfficeIp), raised.Count);
        Assert.All(raised, b => Assert.Contains("[HIGH]", b, StringComparison.Ordinal));

        output.WriteLine($"{run.Count} events, {accepted.Count} messages ({summaries.Count} summaries), {slack.Requests.Count} posts ({slack.Throttled} answered 429); last message {(lastAt - slack.Requests.Min(r => r.At)).TotalSeconds:F1} s after the first, all batches answered in {elapsed.TotalSeconds:F1} s");
        Assert.True(elapsed < TimeSpan.FromSeconds(90), $"took {elapsed}");
    }

    [GeneratedRegex(@"^Summary ID (burst-[0-9a-f]{32}) · (\d+) events folded")]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"^Event ID ([0-9a-f-]{36})")]
    private static partial Regex EventLine();

    [GeneratedRegex(@"folded into (burst-[0-9a-f]{32}): .* \(event ([0-9a-f-]{36})\)")]
    private static partial Regex FoldedLine();
}
