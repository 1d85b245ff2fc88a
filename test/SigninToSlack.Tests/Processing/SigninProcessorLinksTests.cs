using System.Text;
using SigninToSlack.Configuration;
using SigninToSlack.Delivery;
using SigninToSlack.Policy;
using SigninToSlack.Processing;
using SigninToSlack.Secrets;
using SigninToSlack.Tests.Support;
using static SigninToSlack.Tests.Support.ResponseLinkPayloads;

namespace SigninToSlack.Tests.Processing;

/// <summary>The processor with links on: which of its alerts carry them, and that burst summaries never do.</summary>
public sealed class SigninProcessorLinksTests
{
    private static SigninProcessor Processor(IPayloadSink sink) => new(
        new AlertPolicy(PolicySettings.Default),
        new SlackDelivery(new AlertRouter(null, RouteSettings.None, (_, _) => sink), null, new DeliveryLedger(TimeProvider.System)),
        new ResponseLinkMinter(new Uri(RespondUrl), new PlainSecret<string>(LinkKey), RespondSettings.DefaultLinkTtl, null, new HashSet<string>(), buttons: true, TimeProvider.System));

    /// <summary>A spraying-run event whose identity has an ARN, as real records do.</summary>
    private static string WithArn(string json, string user) =>
        json.Replace("\"userName\":", $"\"arn\":\"arn:aws:iam::111122223333:user/{user}\",\"userName\":", StringComparison.Ordinal);

    [Fact]
    public async Task Process_ContainableSuccess_PostsTheLinkAndButtons()
    {
        var sink = new RecordingSink();

        var outcome = await Processor(sink).ProcessAsync(Samples.File("iam-user-success-mfa.json"), false, DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.Equal(OutcomeKind.Delivered, outcome.Kind);
        Assert.Null(outcome.Delivery!.Note);
        var payload = Assert.Single(sink.Payloads);
        BlockKit.AssertValid(payload);
        var (links, buttons) = Read(payload);
        var token = TokenOf(Assert.Single(links));
        Assert.Equal([token, token], buttons);
        Assert.Equal("arn:aws:iam::111122223333:user/anaya", Verify(token, "111122223333", DateTimeOffset.UtcNow).PrincipalArn);
    }

    [Fact]
    public async Task Process_Failure_PostsNoLink()
    {
        var sink = new RecordingSink();

        await Processor(sink).ProcessAsync(Samples.File("iam-user-failure.json"), false, DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.Equal((0, 0), (Read(Assert.Single(sink.Payloads)).Links.Count, Read(sink.Payloads[0]).Buttons.Count));
    }

    [Fact]
    public async Task Batch_BurstThenSuccessFromItsIp_SummaryHasNoLinkAndTheSuccessHasOne()
    {
        var sink = new RecordingSink();
        var t0 = SprayingRun.Start;
        var events = Enumerable.Range(0, 5)
            .Select(n => WithArn(SprayingRun.Json(new Guid(n + 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1).ToString(), "user" + n, "203.0.113.9", success: false, t0.AddSeconds(n)), "user" + n))
            .Append(WithArn(SprayingRun.Json(new Guid(9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1).ToString(), "user1", "203.0.113.9", success: true, t0.AddSeconds(9)), "user1"))
            .Select((json, i) => new BatchItem($"m-{i}", Encoding.UTF8.GetBytes(json), $"SQS record {i + 1}"))
            .ToList();

        var result = await new BatchProcessor(Processor(sink), new BurstSettings { Threshold = 5 }, BatchFailureHistory.Instance)
            .ProcessAsync(events, DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.Equal(2, sink.Payloads.Count);
        var summary = Assert.Single(sink.Payloads, p => p.Contains("5 failed sign-ins", StringComparison.Ordinal));
        var success = Assert.Single(sink.Payloads, p => p != summary);
        Assert.Equal((0, 0), (Read(summary).Links.Count, Read(summary).Buttons.Count));
        Assert.Equal("arn:aws:iam::111122223333:user/user1", Verify(TokenOf(Assert.Single(Read(success).Links)), "111122223333", DateTimeOffset.UtcNow).PrincipalArn);
        Assert.Empty(result.Failed);
    }
}
