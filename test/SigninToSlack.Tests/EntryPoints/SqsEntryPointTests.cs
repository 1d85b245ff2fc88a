using System.Text;
using SigninToSlack.Configuration;
using SigninToSlack.EntryPoints;
using SigninToSlack.Events;
using SigninToSlack.Logging;
using SigninToSlack.Processing;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.EntryPoints;

public sealed class SqsEntryPointTests
{
    private static SqsEntryPoint Entry(RecordingSink sink) => new(new BatchProcessor(Processors.To(sink), BurstSettings.Default, BatchFailureHistory.Instance));

    private static string Event(int n, bool success = true) =>
        SprayingRun.Json(new Guid(n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3).ToString(), "user" + n, "198.51.100." + n, success, SprayingRun.Start.AddSeconds(n));

    [Fact]
    public async Task Sqs_AllDelivered_RespondsWithNoFailures()
    {
        var sink = new RecordingSink();

        var result = await Entry(sink).HandleAsync(Encoding.UTF8.GetBytes(SprayingRun.SqsBatch([Event(1), Event(2, success: false)])), DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.Equal("{\"batchItemFailures\":[]}", Encoding.UTF8.GetString(result.Response!));
        Assert.Equal(2, sink.Payloads.Count);
    }

    [Fact]
    public async Task Sqs_OneNotDeliveredOneUnreadableOneWithoutBody_NamesExactlyThose()
    {
        var sink = new RecordingSink(failOn: 2);
        var batch = SprayingRun.SqsBatch([Event(1), Event(2), Event(3)])[..^2]
            + ",{\"messageId\":\"junk\",\"body\":\"not json\"},{\"messageId\":\"empty\"}]}";

        var result = await Entry(sink).HandleAsync(Encoding.UTF8.GetBytes(batch), DateTimeOffset.MaxValue, CancellationToken.None);

        var second = new Guid(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3);
        Assert.Equal(
            $$"""{"batchItemFailures":[{"itemIdentifier":"m-{{second}}"},{"itemIdentifier":"junk"},{"itemIdentifier":"empty"}]}""",
            Encoding.UTF8.GetString(result.Response!));
        Assert.Equal(2, sink.Payloads.Count);
    }

    [Fact]
    public async Task FunctionHandler_SqsBatchAllFailed_RespondsNamingEveryRecordNotAnError()
    {
        var log = new StringWriter();
        var handler = new FunctionHandler(Entry(new RecordingSink(failOn: [1, 2])), new FunctionLogger(log, LogFormat.Text, LogLevel.Info, TimeProvider.System));

        var response = await handler.HandleAsync(Encoding.UTF8.GetBytes(SprayingRun.SqsBatch([Event(1), Event(2)])), DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(response).RootElement.GetProperty("batchItemFailures").GetArrayLength());
        Assert.Contains("2 of 2 outcomes not delivered", log.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("root-success.json", "received an EventBridge event, but SIGNIN_HANDLER is Sqs")]
    [InlineData("sns-two-records.json", "received an SNS notification, but SIGNIN_HANDLER is Sqs")]
    public async Task Sqs_OtherEnvelope_IsAFormatErrorThatSaysWhich(string sample, string expected)
    {
        var error = await Assert.ThrowsAsync<EventFormatException>(() => Entry(new RecordingSink()).HandleAsync(Samples.File(sample), DateTimeOffset.MaxValue, CancellationToken.None));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqs_FailedRecordWithoutMessageId_FailsTheInvocation()
    {
        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => Entry(new RecordingSink()).HandleAsync("{\"Records\":[{\"body\":\"not json\"}]}"u8.ToArray(), DateTimeOffset.MaxValue, CancellationToken.None));

        Assert.Contains("has no messageId", error.Message, StringComparison.Ordinal);
    }
}
