using System.Text.Json.Nodes;
using System.Text.Json;
using SigninToSlack.Events;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// The sign-in rule's pattern, as written in template.yaml, run by moto's EventBridge: every sign-in
/// sample in events/ reaches the rule's target and nothing in events/not-signin/ does.
/// </summary>
[Collection(MotoServer.Collection)]
public sealed class SigninRulePatternTests(MotoServer moto)
{
    private const string SigninRule = "SigninRule";

    public static TheoryData<string, bool> Samples()
    {
        var events = RepoFiles.Resolve("events");
        var data = new TheoryData<string, bool>();
        foreach (var file in Directory.GetFiles(events, "*.json").Order(StringComparer.Ordinal))
        {
            // sns-*.json and sqs-*.json wrap the same events in an SNS notification or an SQS batch.
            var name = Path.GetFileName(file);
            if (!name.StartsWith("sns-", StringComparison.Ordinal) && !name.StartsWith("sqs-", StringComparison.Ordinal))
            {
                data.Add(Path.GetRelativePath(events, file), true);
            }
        }

        foreach (var file in Directory.GetFiles(Path.Combine(events, "not-signin"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(events, file), false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task TemplatePattern_SamplePutOnBus_ReachesTargetOnlyWhenSignin(string sample, bool isSignin)
    {
        // Arrange
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var pattern = CloudFormationTemplate.Load(RepoFiles.Resolve("template.yaml")).EventPattern(SigninRule);
        var bus = await RuleOnBus.CreateAsync(moto, "signin", pattern, timeout.Token);
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(RepoFiles.Resolve("events", sample), timeout.Token));

        // Act: a plain console sign-in follows the sample, so an empty queue cannot pass for a rejection.
        using var canary = JsonDocument.Parse(Canary);
        var arrived = await bus.MatchesAsync(file.RootElement, canary.RootElement, timeout.Token);

        // Assert
        Assert.Equal(isSignin, arrived);
    }

    /// <summary>A plain console sign-in, which the sign-in rule always takes.</summary>
    internal const string Canary = """{"source":"aws.signin","detail-type":"AWS Console Sign In via CloudTrail","time":"2026-01-01T00:00:00Z","resources":[],"detail":{}}""";

    [Fact]
    public void ForwarderPattern_ComparedWithTemplate_IsTheSame()
    {
        // Arrange
        var central = CloudFormationTemplate.Load(RepoFiles.Resolve("template.yaml")).EventPattern(SigninRule);

        // Act
        var forwarded = CloudFormationTemplate.Load(RepoFiles.Resolve("forwarder.yaml")).EventPattern("ForwardSigninRule");

        // Assert
        Assert.True(JsonNode.DeepEquals(central, forwarded), $"forwarder.yaml forwards {forwarded.ToJsonString()} but template.yaml matches {central.ToJsonString()}");
    }

    [Fact]
    public async Task QueuePath_SigninsThroughRuleAndQueue_EachBodyIsTheEventAndEachIsDelivered()
    {
        // Arrange: the DeliveryPath Queue path, rule -> queue -> the function's SQS entry point.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var pattern = CloudFormationTemplate.Load(RepoFiles.Resolve("template.yaml")).EventPattern(SigninRule);
        var bus = await RuleOnBus.CreateAsync(moto, "signin-queue", pattern, timeout.Token);
        foreach (var sample in new[] { "iam-user-failure.json", "root-success.json" })
        {
            using var file = JsonDocument.Parse(await File.ReadAllTextAsync(RepoFiles.Resolve("events", sample), timeout.Token));
            await bus.PutEventAsync(file.RootElement, timeout.Token);
        }

        var messages = await bus.ReceiveMessagesAsync(timeout.Token);
        var batch = new JsonObject
        {
            ["Records"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["messageId"] = m.MessageId, ["body"] = m.Body, ["eventSource"] = "aws:sqs" })]),
        };
        var sink = new RecordingSink();

        // Act
        var result = await new SigninToSlack.EntryPoints.SqsEntryPoint(
            new SigninToSlack.Processing.BatchProcessor(Processors.To(sink), SigninToSlack.Configuration.BurstSettings.Default, SigninToSlack.Processing.BatchFailureHistory.Instance))
            .HandleAsync(JsonSerializer.SerializeToUtf8Bytes(batch), DateTimeOffset.MaxValue, timeout.Token);

        // Assert
        Assert.Equal(2, messages.Count);
        Assert.Equal("{\"batchItemFailures\":[]}", System.Text.Encoding.UTF8.GetString(result.Response!));
        Assert.Equal(2, sink.Payloads.Count);
        Assert.Contains(sink.Payloads, p => p.Contains("[CRITICAL]", StringComparison.Ordinal));
    }
}
