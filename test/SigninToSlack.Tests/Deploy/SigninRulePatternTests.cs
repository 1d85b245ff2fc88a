using System.Globalization;
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
            // sns-*.json wrap the same events in an SNS notification.
            if (!Path.GetFileName(file).StartsWith("sns-", StringComparison.Ordinal))
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
        var name = "signin-" + Guid.NewGuid().ToString("N")[..16];
        var queueUrl = await CreateQueueAsync(name, timeout.Token);
        await CreateRuleToQueueAsync(name, pattern, queueUrl, timeout.Token);
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(RepoFiles.Resolve("events", sample), timeout.Token));

        // Act: a plain console sign-in follows the sample, so an empty queue cannot pass for a rejection.
        var sampleId = await PutEventAsync(name, file.RootElement, timeout.Token);
        using var canary = JsonDocument.Parse("""{"source":"aws.signin","detail-type":"AWS Console Sign In via CloudTrail","time":"2026-01-01T00:00:00Z","resources":[],"detail":{}}""");
        var canaryId = await PutEventAsync(name, canary.RootElement, timeout.Token);
        var arrived = await ReceiveEventIdsAsync(queueUrl, timeout.Token);

        // Assert
        string[] expected = isSignin ? [sampleId, canaryId] : [canaryId];
        Assert.Equal(expected.Order(StringComparer.Ordinal), arrived.Order(StringComparer.Ordinal));
    }

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
        var name = "signin-queue-" + Guid.NewGuid().ToString("N")[..12];
        var queueUrl = await CreateQueueAsync(name, timeout.Token);
        await CreateRuleToQueueAsync(name, pattern, queueUrl, timeout.Token);
        foreach (var sample in new[] { "iam-user-failure.json", "root-success.json" })
        {
            using var file = JsonDocument.Parse(await File.ReadAllTextAsync(RepoFiles.Resolve("events", sample), timeout.Token));
            await PutEventAsync(name, file.RootElement, timeout.Token);
        }

        var messages = await ReceiveMessagesAsync(queueUrl, timeout.Token);
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

    private async Task<string> CreateQueueAsync(string name, CancellationToken cancellationToken)
    {
        var created = await SqsAsync("CreateQueue", new JsonObject { ["QueueName"] = name }, cancellationToken);
        return created.GetProperty("QueueUrl").GetString()!;
    }

    private async Task CreateRuleToQueueAsync(string name, JsonNode pattern, string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await SqsAsync("GetQueueAttributes", new JsonObject { ["QueueUrl"] = queueUrl, ["AttributeNames"] = new JsonArray("QueueArn") }, cancellationToken);
        var queueArn = attributes.GetProperty("Attributes").GetProperty("QueueArn").GetString();

        await EventsAsync("CreateEventBus", new JsonObject { ["Name"] = name }, cancellationToken);
        await EventsAsync(
            "PutRule",
            new JsonObject { ["Name"] = name, ["EventBusName"] = name, ["EventPattern"] = pattern.ToJsonString(), ["State"] = "ENABLED" },
            cancellationToken);
        await EventsAsync(
            "PutTargets",
            new JsonObject { ["Rule"] = name, ["EventBusName"] = name, ["Targets"] = new JsonArray(new JsonObject { ["Id"] = "queue", ["Arn"] = queueArn }) },
            cancellationToken);
    }

    /// <summary>Puts an EventBridge event as PutEvents takes it; returns the id the bus gave it.</summary>
    private async Task<string> PutEventAsync(string bus, JsonElement sample, CancellationToken cancellationToken)
    {
        var entry = new JsonObject
        {
            ["EventBusName"] = bus,
            ["Source"] = sample.GetProperty("source").GetString(),
            ["DetailType"] = sample.GetProperty("detail-type").GetString(),
            ["Detail"] = sample.GetProperty("detail").GetRawText(),
            ["Time"] = DateTimeOffset.Parse(sample.GetProperty("time").GetString()!, CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
            ["Resources"] = JsonNode.Parse(sample.GetProperty("resources").GetRawText()),
        };
        var put = await EventsAsync("PutEvents", new JsonObject { ["Entries"] = new JsonArray(entry) }, cancellationToken);

        Assert.Equal(0, put.GetProperty("FailedEntryCount").GetInt32());
        return put.GetProperty("Entries")[0].GetProperty("EventId").GetString()!;
    }

    private async Task<List<string>> ReceiveEventIdsAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var (_, body) in await ReceiveMessagesAsync(queueUrl, cancellationToken))
        {
            using var doc = JsonDocument.Parse(body);
            ids.Add(doc.RootElement.GetProperty("id").GetString()!);
        }

        return ids;
    }

    /// <summary>Every message on the queue, as the event source mapping would take them: message ID and body; each deleted once read.</summary>
    private async Task<List<(string MessageId, string Body)>> ReceiveMessagesAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var all = new List<(string, string)>();
        while (true)
        {
            var received = await SqsAsync("ReceiveMessage", new JsonObject { ["QueueUrl"] = queueUrl, ["MaxNumberOfMessages"] = 10, ["WaitTimeSeconds"] = 0 }, cancellationToken);
            if (!received.TryGetProperty("Messages", out var messages) || messages.GetArrayLength() == 0)
            {
                return all;
            }

            foreach (var message in messages.EnumerateArray())
            {
                all.Add((message.GetProperty("MessageId").GetString()!, message.GetProperty("Body").GetString()!));
                await SqsAsync("DeleteMessage", new JsonObject { ["QueueUrl"] = queueUrl, ["ReceiptHandle"] = message.GetProperty("ReceiptHandle").GetString() }, cancellationToken);
            }
        }
    }

    private Task<JsonElement> EventsAsync(string operation, JsonObject request, CancellationToken cancellationToken) =>
        moto.CallAsync("events", "AWSEvents." + operation, MotoServer.Json11, request, cancellationToken);

    private Task<JsonElement> SqsAsync(string operation, JsonObject request, CancellationToken cancellationToken) =>
        moto.CallAsync("sqs", "AmazonSQS." + operation, MotoServer.Json10, request, cancellationToken);
}
