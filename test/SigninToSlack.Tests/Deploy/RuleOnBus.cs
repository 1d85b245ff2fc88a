using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// One event bus of its own in moto_server with one rule whose target is an SQS queue: events put on the bus that the
/// rule's pattern matches are in the queue.
/// </summary>
internal sealed class RuleOnBus(MotoServer moto, string name, string queueUrl)
{
    /// <summary>Creates the bus, the queue and the rule with <paramref name="pattern"/>.</summary>
    public static async Task<RuleOnBus> CreateAsync(MotoServer moto, string prefix, JsonNode pattern, CancellationToken cancellationToken)
    {
        var name = prefix + "-" + Guid.NewGuid().ToString("N")[..16];
        var created = await SqsAsync(moto, "CreateQueue", new JsonObject { ["QueueName"] = name }, cancellationToken);
        var queueUrl = created.GetProperty("QueueUrl").GetString()!;
        var attributes = await SqsAsync(moto, "GetQueueAttributes", new JsonObject { ["QueueUrl"] = queueUrl, ["AttributeNames"] = new JsonArray("QueueArn") }, cancellationToken);
        var queueArn = attributes.GetProperty("Attributes").GetProperty("QueueArn").GetString();

        await EventsAsync(moto, "CreateEventBus", new JsonObject { ["Name"] = name }, cancellationToken);
        await EventsAsync(
            moto,
            "PutRule",
            new JsonObject { ["Name"] = name, ["EventBusName"] = name, ["EventPattern"] = pattern.ToJsonString(), ["State"] = "ENABLED" },
            cancellationToken);
        await EventsAsync(
            moto,
            "PutTargets",
            new JsonObject { ["Rule"] = name, ["EventBusName"] = name, ["Targets"] = new JsonArray(new JsonObject { ["Id"] = "queue", ["Arn"] = queueArn }) },
            cancellationToken);
        return new RuleOnBus(moto, name, queueUrl);
    }

    /// <summary>Puts an EventBridge event as PutEvents takes it; returns the id the bus gave it.</summary>
    public async Task<string> PutEventAsync(JsonElement sample, CancellationToken cancellationToken)
    {
        var entry = new JsonObject
        {
            ["EventBusName"] = name,
            ["Source"] = sample.GetProperty("source").GetString(),
            ["DetailType"] = sample.GetProperty("detail-type").GetString(),
            ["Detail"] = sample.GetProperty("detail").GetRawText(),
            ["Time"] = DateTimeOffset.Parse(sample.GetProperty("time").GetString()!, CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
            ["Resources"] = JsonNode.Parse(sample.GetProperty("resources").GetRawText()),
        };
        var put = await EventsAsync(moto, "PutEvents", new JsonObject { ["Entries"] = new JsonArray(entry) }, cancellationToken);

        Assert.Equal(0, put.GetProperty("FailedEntryCount").GetInt32());
        return put.GetProperty("Entries")[0].GetProperty("EventId").GetString()!;
    }

    /// <summary>The ids of the events the rule delivered so far, taken off the queue.</summary>
    public async Task<List<string>> ReceiveEventIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var (_, body) in await ReceiveMessagesAsync(cancellationToken))
        {
            using var doc = JsonDocument.Parse(body);
            ids.Add(doc.RootElement.GetProperty("id").GetString()!);
        }

        return ids;
    }

    /// <summary>Every message on the queue, as an event source mapping would take them (message ID and body); each deleted once read.</summary>
    public async Task<List<(string MessageId, string Body)>> ReceiveMessagesAsync(CancellationToken cancellationToken)
    {
        var all = new List<(string, string)>();
        while (true)
        {
            var received = await SqsAsync(moto, "ReceiveMessage", new JsonObject { ["QueueUrl"] = queueUrl, ["MaxNumberOfMessages"] = 10, ["WaitTimeSeconds"] = 0 }, cancellationToken);
            if (!received.TryGetProperty("Messages", out var messages) || messages.GetArrayLength() == 0)
            {
                return all;
            }

            foreach (var message in messages.EnumerateArray())
            {
                all.Add((message.GetProperty("MessageId").GetString()!, message.GetProperty("Body").GetString()!));
                await SqsAsync(moto, "DeleteMessage", new JsonObject { ["QueueUrl"] = queueUrl, ["ReceiptHandle"] = message.GetProperty("ReceiptHandle").GetString() }, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Puts the sample, then a canary the rule matches, so an empty queue cannot pass for a rejection; true when the
    /// sample arrived (the canary must always arrive).
    /// </summary>
    public async Task<bool> MatchesAsync(JsonElement sample, JsonElement canary, CancellationToken cancellationToken)
    {
        var sampleId = await PutEventAsync(sample, cancellationToken);
        var canaryId = await PutEventAsync(canary, cancellationToken);
        var arrived = await ReceiveEventIdsAsync(cancellationToken);
        Assert.Contains(canaryId, arrived);
        Assert.True(arrived.Count <= 2, $"{arrived.Count} events arrived for two put");
        return arrived.Contains(sampleId);
    }

    private static Task<JsonElement> EventsAsync(MotoServer moto, string operation, JsonObject request, CancellationToken cancellationToken) =>
        moto.CallAsync("events", "AWSEvents." + operation, MotoServer.Json11, request, cancellationToken);

    private static Task<JsonElement> SqsAsync(MotoServer moto, string operation, JsonObject request, CancellationToken cancellationToken) =>
        moto.CallAsync("sqs", "AmazonSQS." + operation, MotoServer.Json10, request, cancellationToken);
}
