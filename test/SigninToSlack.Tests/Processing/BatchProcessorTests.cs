using System.Text;
using SigninToSlack.Configuration;
using SigninToSlack.Processing;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Processing;

public sealed class BatchProcessorTests
{
    private static readonly DateTimeOffset T0 = SprayingRun.Start;

    private static string Id(int n) => new Guid(n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1).ToString();

    private static string Failure(int n, string user, string ip) => SprayingRun.Json(Id(n), user, ip, success: false, T0.AddSeconds(n));

    private static string Success(int n, string user, string ip) => SprayingRun.Json(Id(n), user, ip, success: true, T0.AddSeconds(n));

    private static BatchItem Item(string json, int i) => new($"m-{i}", Encoding.UTF8.GetBytes(json), $"SQS record {i + 1}");

    private static async Task<BatchResult> RunAsync(RecordingSink sink, IEnumerable<string> events, int threshold = 5) =>
        await new BatchProcessor(Processors.To(sink), new BurstSettings { Threshold = threshold }, BatchFailureHistory.Instance)
            .ProcessAsync([.. events.Select(Item)], DateTimeOffset.MaxValue, CancellationToken.None);

    [Fact]
    public async Task Process_FiveFailuresFromOneIp_OneSummaryAndFiveFolded()
    {
        var sink = new RecordingSink();

        var result = await RunAsync(sink, Enumerable.Range(0, 5).Select(n => Failure(n, "user" + (n % 2), "203.0.113.9")));

        var payload = Assert.Single(sink.Payloads);
        BlockKit.AssertValid(payload);
        Assert.Contains("5 failed sign-ins to 2 users in account 111122223333 from 203.0.113.9 between 12:01 and 12:01 UTC", payload, StringComparison.Ordinal);
        Assert.Equal(5, result.Outcomes.Count(o => o.Kind == OutcomeKind.Folded));
        var summary = Assert.Single(result.Outcomes, o => o.Kind == OutcomeKind.Delivered);
        Assert.All(result.Outcomes.Where(o => o.Kind == OutcomeKind.Folded), o => Assert.Equal(summary.EventId, o.Reason));
        Assert.Empty(result.Failed);
    }

    [Fact]
    public async Task Process_FourFailuresFromOneIp_EachPostedOnItsOwn()
    {
        var sink = new RecordingSink();

        var result = await RunAsync(sink, Enumerable.Range(0, 4).Select(n => Failure(n, "user" + n, "203.0.113.9")));

        Assert.Equal(4, sink.Payloads.Count);
        Assert.All(result.Outcomes, o => Assert.Equal(OutcomeKind.Delivered, o.Kind));
    }

    [Fact]
    public async Task Process_OneUserFromManyIps_FoldedByPrincipal()
    {
        var sink = new RecordingSink();

        var result = await RunAsync(sink, Enumerable.Range(0, 6).Select(n => Failure(n, "alice", $"198.51.100.{n}")));

        var payload = Assert.Single(sink.Payloads);
        Assert.Contains("6 failed sign-ins to IAM user alice in account 111122223333 from 6 source IPs", payload, StringComparison.Ordinal);
        Assert.Equal(6, result.Outcomes.Count(o => o.Kind == OutcomeKind.Folded));
    }

    [Fact]
    public async Task Process_RootFailuresAndSuccesses_NeverFolded()
    {
        var sink = new RecordingSink();
        var root = Encoding.UTF8.GetString(Samples.File("root-failure.json"));
        var events = Enumerable.Range(0, 5).Select(n => root.Replace("\"eventID\": \"", $"\"eventID\": \"{n}", StringComparison.Ordinal))
            .Concat(Enumerable.Range(10, 5).Select(n => Success(n, "bob", "203.0.113.9")));

        var result = await RunAsync(sink, events);

        Assert.Equal(10, sink.Payloads.Count);
        Assert.DoesNotContain(result.Outcomes, o => o.Kind == OutcomeKind.Folded);
    }

    [Fact]
    public async Task Process_RefusedChangesToThePipelineFromOneIp_EachPostedOnItsOwnAndNeverCountedAsFailedSignins()
    {
        var sink = new RecordingSink();
        var refused = Encoding.UTF8.GetString(Samples.File(Path.Combine("watcher", "cloudtrail-stop-logging-refused.json")));
        var events = Enumerable.Range(0, 6)
            .Select(n => refused.Replace("9e4a2b71-3c5d-4f60-8a1b-2d7e9f0c6b35", Id(100 + n), StringComparison.Ordinal))
            .Append(Success(50, "user3", "198.51.100.111"));

        var result = await RunAsync(sink, events);

        Assert.Equal(7, sink.Payloads.Count);
        Assert.DoesNotContain(result.Outcomes, o => o.Kind == OutcomeKind.Folded);
        Assert.DoesNotContain(sink.Payloads, p => p.Contains("failed attempts", StringComparison.Ordinal));
        Assert.Equal(6, sink.Payloads.Count(p => p.Contains("was refused", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Process_SuccessAfterFailuresFromItsIp_RaisedToHighAndSaysHowMany()
    {
        var sink = new RecordingSink();
        var events = Enumerable.Range(0, 7).Select(n => Failure(n, "user" + n, "203.0.113.9"))
            .Append(Success(8, "user3", "203.0.113.9"))
            .Append(Success(9, "carol", "10.0.0.1"));

        var result = await RunAsync(sink, events);

        Assert.Equal(3, sink.Payloads.Count);
        var raised = Assert.Single(sink.Payloads, p => p.Contains("after 7 failed attempts", StringComparison.Ordinal));
        Assert.StartsWith("{\"text\":\":warning: [HIGH] Console sign-in succeeded after 7 failed attempts", raised, StringComparison.Ordinal);
        Assert.Contains(sink.Payloads, p => p.StartsWith("{\"text\":\":information_source: [INFO]", StringComparison.Ordinal));
        Assert.Equal(7, result.Outcomes.Count(o => o.Kind == OutcomeKind.Folded));
    }

    [Fact]
    public async Task Process_SummaryNotDelivered_ListsEveryMemberAndNothingElse()
    {
        var sink = new RecordingSink(failOn: 1);
        var events = Enumerable.Range(0, 5).Select(n => Failure(n, "user" + n, "203.0.113.9")).Append(Success(9, "carol", "10.0.0.1"));

        var result = await RunAsync(sink, events);

        Assert.Equal(["m-0", "m-1", "m-2", "m-3", "m-4"], result.Failed.Select(f => f.ItemId));
        Assert.Single(result.Outcomes, o => o.Kind == OutcomeKind.Failed);
    }

    [Fact]
    public async Task Process_SameBatchInAnotherOrder_SameSummaryId()
    {
        var events = Enumerable.Range(0, 6).Select(n => Failure(n, "user" + n, "203.0.113.9")).ToList();

        var first = await RunAsync(new RecordingSink(), events);
        var again = await RunAsync(new RecordingSink(), Enumerable.Reverse(events));

        var id = Assert.Single(first.Outcomes, o => o.Kind == OutcomeKind.Delivered).EventId;
        Assert.Matches("^burst-[0-9a-f]{32}$", id);
        Assert.Equal(id, Assert.Single(again.Outcomes, o => o.Kind == OutcomeKind.Delivered).EventId);
        var other = await RunAsync(new RecordingSink(), events.Skip(1));
        Assert.NotEqual(id, Assert.Single(other.Outcomes, o => o.Kind == OutcomeKind.Delivered).EventId);
    }

    [Fact]
    public async Task Process_UnreadableBody_ListedAloneOthersDelivered()
    {
        var sink = new RecordingSink();

        var result = await RunAsync(sink, ["{\"detail-type\":\"AWS Console Sign In via CloudTrail\",", Success(1, "carol", "10.0.0.1")]);

        Assert.Equal("m-0", Assert.Single(result.Failed).ItemId);
        Assert.Single(sink.Payloads);
    }

    [Fact]
    public async Task Process_DeadlinePassed_EveryUnsentRecordListed()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var sink = new RecordingSink();
        var items = Enumerable.Range(0, 6).Select(n => Failure(n, "user" + n, "203.0.113.9")).Append(Success(9, "carol", "10.0.0.1")).Select(Item).ToList();

        var result = await new BatchProcessor(Processors.To(sink), BurstSettings.Default, BatchFailureHistory.Instance).ProcessAsync(items, DateTimeOffset.UtcNow, cancelled.Token);

        Assert.Empty(sink.Payloads);
        Assert.Equal(7, result.Failed.Count);
        Assert.All(result.Outcomes.Where(o => o.Kind == OutcomeKind.Failed), o => Assert.Contains("deadline", o.Reason, StringComparison.Ordinal));
    }
}
