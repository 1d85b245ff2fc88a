using System.Text;
using SigninToSlack.Events;
using SigninToSlack.Configuration;
using SigninToSlack.EntryPoints;
using SigninToSlack.Logging;
using SigninToSlack.Processing;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.EntryPoints;

public sealed class EntryPointTests
{
    private static string SnsOf(params string[] messages) =>
        "{\"Records\":[" + string.Join(',', messages.Select(m =>
            $$$"""{"EventSource":"aws:sns","Sns":{"Type":"Notification","MessageId":"m-{{{m.Length}}}","Message":{{{System.Text.Json.JsonSerializer.Serialize(m)}}}}}""")) + "]}";

    private static string EventText(string name) => Encoding.UTF8.GetString(Samples.File(name));

    [Fact]
    public async Task EventBridge_SigninEvent_DeliversOneAlert()
    {
        var sink = new RecordingSink();

        var outcomes = (await new EventBridgeEntryPoint(Processors.To(sink)).HandleAsync(Samples.File("root-success.json"), DateTimeOffset.MaxValue, CancellationToken.None)).Outcomes;

        var outcome = Assert.Single(outcomes);
        Assert.Equal(OutcomeKind.Delivered, outcome.Kind);
        Assert.Contains("[CRITICAL]", Assert.Single(sink.Payloads), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventBridge_OtherSource_IsSkippedNotDelivered()
    {
        var sink = new RecordingSink();

        var outcomes = (await new EventBridgeEntryPoint(Processors.To(sink)).HandleAsync(
            File.ReadAllBytes(Path.Combine(RepoFiles.Events, "not-signin", "other-source.json")), DateTimeOffset.MaxValue, CancellationToken.None)).Outcomes;

        Assert.Equal(OutcomeKind.Skipped, Assert.Single(outcomes).Kind);
        Assert.Empty(sink.Payloads);
    }

    [Fact]
    public async Task EventBridge_SigninAnomalyAlert_IsDeliveredAsHigh()
    {
        var sink = new RecordingSink();

        var outcomes = (await new EventBridgeEntryPoint(Processors.To(sink)).HandleAsync(
            File.ReadAllBytes(Path.Combine(RepoFiles.Events, "signin-anomaly.json")), DateTimeOffset.MaxValue, CancellationToken.None)).Outcomes;

        Assert.Equal(OutcomeKind.Delivered, Assert.Single(outcomes).Kind);
        Assert.Contains("[HIGH] Sign-in anomaly alert", Assert.Single(sink.Payloads), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventBridge_UnwatchedApiCall_IsSkippedNotDelivered()
    {
        var sink = new RecordingSink();

        var outcomes = (await new EventBridgeEntryPoint(Processors.To(sink)).HandleAsync(
            File.ReadAllBytes(Path.Combine(RepoFiles.Events, "not-watched", "cloudtrail-describe-trails.json")), DateTimeOffset.MaxValue, CancellationToken.None)).Outcomes;

        var outcome = Assert.Single(outcomes);
        Assert.Equal(OutcomeKind.Skipped, outcome.Kind);
        Assert.Contains("not a change the watcher alerts on", outcome.Describe(), StringComparison.Ordinal);
        Assert.Empty(sink.Payloads);
    }

    [Fact]
    public async Task EventBridge_GivenSnsEnvelope_FailsNamingTheSetting()
    {
        var entry = new EventBridgeEntryPoint(Processors.To(new RecordingSink()));

        var error = await Assert.ThrowsAsync<EventFormatException>(() => entry.HandleAsync(Samples.File("sns-root-success.json"), DateTimeOffset.MaxValue, CancellationToken.None));

        Assert.Contains("SIGNIN_HANDLER=Sns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sns_GivenEventBridgeEvent_FailsNamingTheSetting()
    {
        var entry = new SnsEntryPoint(Processors.To(new RecordingSink()));

        var error = await Assert.ThrowsAsync<EventFormatException>(() => entry.HandleAsync(Samples.File("root-success.json"), DateTimeOffset.MaxValue, CancellationToken.None));

        Assert.Contains("SIGNIN_HANDLER=EventBridge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventBridgeAndSns_GivenSqsBatch_FailNamingTheSetting()
    {
        var processor = Processors.To(new RecordingSink());
        var batch = Samples.File("sqs-batch-spraying.json");

        var fromRule = await Assert.ThrowsAsync<EventFormatException>(() => new EventBridgeEntryPoint(processor).HandleAsync(batch, DateTimeOffset.MaxValue, CancellationToken.None));
        var fromTopic = await Assert.ThrowsAsync<EventFormatException>(() => new SnsEntryPoint(processor).HandleAsync(batch, DateTimeOffset.MaxValue, CancellationToken.None));

        Assert.StartsWith("received an SQS batch, but SIGNIN_HANDLER is EventBridge: set SIGNIN_HANDLER=Sqs", fromRule.Message, StringComparison.Ordinal);
        Assert.StartsWith("received an SQS batch, but SIGNIN_HANDLER is Sns: set SIGNIN_HANDLER=Sqs", fromTopic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"foo\":1}")]
    public async Task EventBridge_NotAnEvent_FailsWithOneLineError(string input)
    {
        var entry = new EventBridgeEntryPoint(Processors.To(new RecordingSink()));

        var error = await Assert.ThrowsAsync<EventFormatException>(() => entry.HandleAsync(Encoding.UTF8.GetBytes(input), DateTimeOffset.MaxValue, CancellationToken.None));

        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Sns_TwoRecordsWithMixedCasing_DeliversBoth()
    {
        var sink = new RecordingSink();

        var outcomes = (await new SnsEntryPoint(Processors.To(sink)).HandleAsync(Samples.File("sns-two-records.json"), DateTimeOffset.MaxValue, CancellationToken.None)).Outcomes;

        Assert.Equal(2, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(OutcomeKind.Delivered, o.Kind));
        Assert.Equal(2, sink.Payloads.Count);
    }

    [Fact]
    public async Task Sns_LowerCaseFieldNames_AreMatched()
    {
        var sink = new RecordingSink();
        var input = $$$"""{"records":[{"eventSource":"aws:sns","sns":{"messageId":"m1","message":{{{System.Text.Json.JsonSerializer.Serialize(EventText("root-failure.json"))}}}}}]}""";

        var outcomes = (await new SnsEntryPoint(Processors.To(sink)).HandleAsync(Encoding.UTF8.GetBytes(input), DateTimeOffset.MaxValue, CancellationToken.None)).Outcomes;

        Assert.Equal(OutcomeKind.Delivered, Assert.Single(outcomes).Kind);
    }

    [Fact]
    public async Task Sns_OneRecordFailsDelivery_OthersAreStillDelivered()
    {
        var sink = new RecordingSink(failOn: 1);
        var input = SnsOf(EventText("iam-user-failure.json"), EventText("root-success.json"));

        var outcomes = (await new SnsEntryPoint(Processors.To(sink)).HandleAsync(Encoding.UTF8.GetBytes(input), DateTimeOffset.MaxValue, CancellationToken.None)).Outcomes;

        Assert.Equal([OutcomeKind.Failed, OutcomeKind.Delivered], outcomes.Select(o => o.Kind));
        Assert.Contains("channel_not_found", outcomes[0].Reason, StringComparison.Ordinal);
        Assert.Single(sink.Payloads);
    }

    [Fact]
    public async Task Sns_OneRecordsDeliveryThrowsAnUnexpectedFault_ThatRecordFailsAloneWithoutTheFaultsText()
    {
        var sink = new FaultingSink(new InvalidOperationException("https://hooks.slack.com/services/T/B/SECRETWEBHOOK"), new TaskCanceledException("The operation was canceled."));
        var input = SnsOf(EventText("iam-user-failure.json"), EventText("root-success.json"), EventText("root-failure.json"));

        var outcomes = (await new SnsEntryPoint(Processors.To(sink)).HandleAsync(Encoding.UTF8.GetBytes(input), DateTimeOffset.MaxValue, CancellationToken.None)).Outcomes;

        Assert.Equal([OutcomeKind.Failed, OutcomeKind.Failed, OutcomeKind.Delivered], outcomes.Select(o => o.Kind));
        Assert.Equal("channel default: unexpected InvalidOperationException", outcomes[0].Reason);
        // A cancellation that is not the caller's (a connect timeout deep in a client) is a fault like any other.
        Assert.Equal("channel default: unexpected TaskCanceledException", outcomes[1].Reason);
        Assert.Equal(1, sink.Delivered);
    }

    [Fact]
    public async Task Sns_CallersCancellation_EndsTheInvocationAsCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var entry = new SnsEntryPoint(Processors.To(new FaultingSink()));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => entry.HandleAsync(Samples.File("sns-two-records.json"), DateTimeOffset.UtcNow, cancelled.Token));
    }

    [Fact]
    public async Task Sns_RecordWithMalformedMessage_FailsThatRecordOnly()
    {
        var sink = new RecordingSink();
        var input = SnsOf("{not json", EventText("root-success.json"));

        var outcomes = (await new SnsEntryPoint(Processors.To(sink)).HandleAsync(Encoding.UTF8.GetBytes(input), DateTimeOffset.MaxValue, CancellationToken.None)).Outcomes;

        Assert.Equal([OutcomeKind.Failed, OutcomeKind.Delivered], outcomes.Select(o => o.Kind));
        Assert.StartsWith("SNS record 1", outcomes[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sns_NoRecords_IsAFormatError()
    {
        var entry = new SnsEntryPoint(Processors.To(new RecordingSink()));

        await Assert.ThrowsAsync<EventFormatException>(() => entry.HandleAsync("{\"Records\":[]}"u8.ToArray(), DateTimeOffset.MaxValue, CancellationToken.None));
    }

    [Fact]
    public async Task FunctionHandler_AnyDeliveryFailed_FailsTheInvocation()
    {
        var log = new StringWriter();
        var handler = new FunctionHandler(
            new SnsEntryPoint(Processors.To(new RecordingSink(failOn: 2))),
            new SigninToSlack.Logging.FunctionLogger(log, SigninToSlack.Configuration.LogFormat.Text, SigninToSlack.Configuration.LogLevel.Info, TimeProvider.System));

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => handler.HandleAsync(Samples.File("sns-two-records.json"), DateTimeOffset.MaxValue, CancellationToken.None));

        Assert.StartsWith("1 of 2 sign-in events not delivered (posted 1, skipped 0)", error.Message, StringComparison.Ordinal);
        Assert.Contains("NOT DELIVERED", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionHandler_AllHandled_RespondsWithSummary()
    {
        var handler = new FunctionHandler(
            new EventBridgeEntryPoint(Processors.To(new RecordingSink())),
            new SigninToSlack.Logging.FunctionLogger(TextWriter.Null, SigninToSlack.Configuration.LogFormat.Text, SigninToSlack.Configuration.LogLevel.Info, TimeProvider.System));

        var response = await handler.HandleAsync(Samples.File("iam-user-failure.json"), DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.Equal("{\"posted\":1,\"skipped\":0}", Encoding.UTF8.GetString(response));
    }

    [Fact]
    public async Task Sns_OneMessageWithAnUnpairedSurrogate_FailsThatRecordAndDeliversTheOther()
    {
        var sink = new RecordingSink();
        var good = EventText("root-success.json");
        var input = "{\"Records\":[{\"Sns\":{\"MessageId\":\"bad\",\"Message\":\"{\\\"a\\\":\\\"\\ud800\\\"}\"}},"
            + $$$"""{"Sns":{"MessageId":"good","Message":{{{System.Text.Json.JsonSerializer.Serialize(good)}}}}}]}""";

        var outcomes = (await new SnsEntryPoint(Processors.To(sink)).HandleAsync(Encoding.UTF8.GetBytes(input), DateTimeOffset.MaxValue, CancellationToken.None)).Outcomes;

        Assert.Equal([OutcomeKind.Failed, OutcomeKind.Delivered], outcomes.Select(o => o.Kind));
        Assert.Equal("SNS record 1 (message bad) has a Message that is not valid text (an unpaired surrogate escape)", outcomes[0].Reason);
        Assert.Single(sink.Payloads);
    }

    /// <summary>Throws the given faults, one per delivery, then delivers; honours the caller's cancellation.</summary>
    private sealed class FaultingSink(params Exception[] faults) : SigninToSlack.Delivery.IPayloadSink
    {
        private int _count;

        public int Delivered { get; private set; }

        public Task DeliverAsync(ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_count < faults.Length)
            {
                throw faults[_count++];
            }

            Delivered++;
            return Task.CompletedTask;
        }
    }
}
