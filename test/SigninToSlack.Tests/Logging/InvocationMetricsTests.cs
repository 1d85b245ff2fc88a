using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SigninToSlack.Configuration;
using SigninToSlack.EntryPoints;
using SigninToSlack.Events;
using SigninToSlack.Logging;
using SigninToSlack.Processing;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Logging;

public sealed class InvocationMetricsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 7, 4, 5, 678, TimeSpan.Zero);

    private static string[] Lines(StringWriter output) => output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static FunctionHandler Handler(IEntryPoint entryPoint, StringWriter output, LogFormat format, LogLevel level) =>
        new(entryPoint, new FunctionLogger(output, format, level, new FakeTimeProvider(Now)));

    private static JsonElement[] Records(StringWriter output) =>
        [.. Lines(output).Where(l => l.Contains("\"_aws\"", StringComparison.Ordinal)).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    [Fact]
    public void Record_OneSeverity_IsThisExactEmfLine()
    {
        var metrics = new InvocationMetrics();
        metrics.Posted(Severity.Critical);
        metrics.DuplicatesAvoided(Severity.Critical, 2);

        Assert.Equal(
            """{"_aws":{"Timestamp":1796195045678,"CloudWatchMetrics":[{"Namespace":"SigninToSlack","Dimensions":[[],["Severity"]],"Metrics":[{"Name":"AlertsPosted","Unit":"Count"},{"Name":"AlertsSkipped","Unit":"Count"},{"Name":"AlertsFailed","Unit":"Count"},{"Name":"DuplicatesAvoided","Unit":"Count"},{"Name":"BurstsFolded","Unit":"Count"}]}]},"Severity":"Critical","AlertsPosted":1,"AlertsSkipped":0,"AlertsFailed":0,"DuplicatesAvoided":2,"BurstsFolded":0}""",
            Assert.Single(metrics.Records(Now)));
    }

    [Fact]
    public void Records_NothingCounted_OneZeroRecord()
    {
        var record = JsonDocument.Parse(Assert.Single(new InvocationMetrics().Records(Now))).RootElement;

        Assert.Equal("None", record.GetProperty("Severity").GetString());
        Assert.All(InvocationMetrics.Names, name => Assert.Equal(0, record.GetProperty(name).GetInt32()));
    }

    [Fact]
    public void Records_SeveralSeverities_OnePerSeverityWhoseSumsAreTheTotals()
    {
        var metrics = new InvocationMetrics();
        metrics.Posted(Severity.Info);
        metrics.Posted(Severity.Critical);
        metrics.Failed(Severity.Critical);
        metrics.Skipped(null);

        var records = metrics.Records(Now).Select(r => JsonDocument.Parse(r).RootElement).ToArray();

        Assert.Equal(["Critical", "Info", "None"], records.Select(r => r.GetProperty("Severity").GetString()));
        Assert.Equal((2, 1, 1), (records.Sum(r => r.GetProperty("AlertsPosted").GetInt32()), records.Sum(r => r.GetProperty("AlertsFailed").GetInt32()), records.Sum(r => r.GetProperty("AlertsSkipped").GetInt32())));
    }

    [Theory]
    [InlineData("Text")]
    [InlineData("Json")]
    public async Task Handler_DeliveredInvocation_WritesOneJsonRecordWhateverTheLogFormatAndLevel(string logFormat)
    {
        var format = Enum.Parse<LogFormat>(logFormat);
        using var output = new StringWriter();
        var handler = Handler(new EventBridgeEntryPoint(Processors.To(new RecordingSink())), output, format, LogLevel.Error);

        await handler.HandleAsync(Samples.File("root-success.json"), DateTimeOffset.MaxValue, CancellationToken.None);

        var record = Assert.Single(Records(output));
        Assert.Equal(("Critical", 1), (record.GetProperty("Severity").GetString(), record.GetProperty("AlertsPosted").GetInt32()));
        Assert.Single(Lines(output));
    }

    [Fact]
    public async Task Handler_FailedDelivery_StillWritesTheRecord()
    {
        using var output = new StringWriter();
        var handler = Handler(new SnsEntryPoint(Processors.To(new RecordingSink(failOn: 2))), output, LogFormat.Text, LogLevel.Info);

        await Assert.ThrowsAsync<AlertDeliveryException>(() => handler.HandleAsync(Samples.File("sns-two-records.json"), DateTimeOffset.MaxValue, CancellationToken.None));

        var records = Records(output);
        Assert.Equal((1, 1), (records.Sum(r => r.GetProperty("AlertsPosted").GetInt32()), records.Sum(r => r.GetProperty("AlertsFailed").GetInt32())));
    }

    [Fact]
    public async Task Handler_UnreadableInput_FailsAndCountsOneFailure()
    {
        using var output = new StringWriter();
        var handler = Handler(new EventBridgeEntryPoint(Processors.To(new RecordingSink())), output, LogFormat.Text, LogLevel.Info);

        await Assert.ThrowsAsync<EventFormatException>(() => handler.HandleAsync("{}"u8.ToArray(), DateTimeOffset.MaxValue, CancellationToken.None));

        var record = Assert.Single(Records(output));
        Assert.Equal(("None", 1), (record.GetProperty("Severity").GetString(), record.GetProperty("AlertsFailed").GetInt32()));
    }

    [Fact]
    public async Task Handler_SkippedEvent_CountsASkip()
    {
        using var output = new StringWriter();
        var processor = Processors.To(new RecordingSink());
        var handler = Handler(new AnyEnvelopeEntryPoint(processor, new BatchProcessor(processor, BurstSettings.Default, BatchFailureHistory.Instance)), output, LogFormat.Text, LogLevel.Info);

        await handler.HandleAsync(Samples.File("not-signin/api-call.json"), DateTimeOffset.MaxValue, CancellationToken.None);

        var record = Assert.Single(Records(output));
        Assert.Equal(1, record.GetProperty("AlertsSkipped").GetInt32());
    }
}
