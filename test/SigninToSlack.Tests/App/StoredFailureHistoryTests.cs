using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SigninToSlack.App;
using SigninToSlack.Configuration;
using SigninToSlack.Logging;
using SigninToSlack.State;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.App;

/// <summary>
/// Failures from a source IP remembered across SQS batches: each batch is handled by a composition of its own, so
/// only the state table on moto_server links them, as only it links two Lambda containers.
/// </summary>
[Collection(MotoServer.Collection)]
public sealed class StoredFailureHistoryTests(MotoServer moto)
{
    private const string Ip = "203.0.113.9";
    private const string Unavailable = "state table unavailable for failed sign-ins";

    // Anchored on the present minute, so that no item written here has passed its TTL while a test reads it.
    private static readonly DateTimeOffset Base = MinuteOf(DateTimeOffset.UtcNow);

    private static int _events;

    private static DateTimeOffset MinuteOf(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    private static string Event(string user, bool success, DateTimeOffset time) =>
        SprayingRun.Json(new Guid(Interlocked.Increment(ref _events), 0x12, 0x12, 0, 0, 0, 0, 0, 0, 0, 9).ToString(), user, Ip, success, time);

    private static IEnumerable<string> Failures(int count, DateTimeOffset time) =>
        Enumerable.Range(0, count).Select(n => Event("guess" + n, success: false, time.AddSeconds(n)));

    private Dictionary<string, string?> Environment(SlackStandIn slack, string table)
    {
        var environment = SecretsEnvironment.ForMoto(moto.Endpoint);
        environment["SLACK_WEBHOOK"] = slack.WebhookUrl.ToString();
        environment["SLACK_EXTRA_HOSTS"] = "127.0.0.1";
        environment["SIGNIN_HANDLER"] = "Sqs";
        environment["SIGNIN_STATE_TABLE"] = table;
        return environment;
    }

    private async Task<string> CreateTableAsync()
    {
        var name = "signin-state-" + Guid.NewGuid().ToString("N")[..12];
        await moto.CreateStateTableAsync(name);
        return name;
    }

    /// <summary>One batch through a composition of its own; returns its warnings.</summary>
    private static async Task<List<string>> RunBatchAsync(Dictionary<string, string?> environment, IEnumerable<string> events)
    {
        var warnings = new List<string>();
        var settings = SettingsReader.Read(environment.GetValueOrDefault);
        using var composition = Composition.Create(settings, environment.GetValueOrDefault, TimeProvider.System, Outbound.Lambda, warn: warnings.Add);
        var handler = new SigninToSlack.EntryPoints.FunctionHandler(
            composition.EntryPoint(settings.EntryPoint), new FunctionLogger(TextWriter.Null, LogFormat.Text, LogLevel.Info, TimeProvider.System));
        var response = await handler.HandleAsync(Encoding.UTF8.GetBytes(SprayingRun.SqsBatch(events)), DateTimeOffset.UtcNow.AddSeconds(30), CancellationToken.None);
        Assert.Equal("{\"batchItemFailures\":[]}", Encoding.UTF8.GetString(response));
        return warnings;
    }

    private static string Posted(SlackStandIn slack, string user) =>
        Assert.Single(slack.Accepted, body => body.Contains(user, StringComparison.Ordinal));

    private async Task<long> StoredAsync(string table, DateTimeOffset minute)
    {
        var answer = await moto.CallAsync("dynamodb", "DynamoDB_20120810.GetItem", MotoServer.Json10, new JsonObject
        {
            ["TableName"] = table,
            ["Key"] = new JsonObject { ["id"] = new JsonObject { ["S"] = ClaimKeys.Failures(Ip, minute) } },
            ["ConsistentRead"] = true,
        }, CancellationToken.None);
        return answer.TryGetProperty("Item", out var item) ? long.Parse(item.GetProperty("n").GetProperty("N").GetString()!, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    [Fact]
    public async Task SuccessInNextBatch_AfterThreeStoredFailures_RaisedToHighAfterThree()
    {
        var table = await CreateTableAsync();
        await using var slack = await SlackStandIn.StartAsync();
        var environment = Environment(slack, table);

        var first = await RunBatchAsync(environment, Failures(3, Base.AddSeconds(5)));
        var second = await RunBatchAsync(environment, [Event("anaya", success: true, Base.AddMinutes(2))]);

        Assert.Equal(3, await StoredAsync(table, Base));
        var raised = Posted(slack, "anaya");
        Assert.StartsWith("{\"text\":\":warning: [HIGH] Console sign-in succeeded after 3 failed attempts", raised, StringComparison.Ordinal);
        Assert.Empty(first.Concat(second));
    }

    [Fact]
    public async Task BatchFailuresAndStoredOnes_EachCountedOnce()
    {
        var table = await CreateTableAsync();
        await using var slack = await SlackStandIn.StartAsync();
        var environment = Environment(slack, table);

        await RunBatchAsync(environment, Failures(3, Base.AddSeconds(5)));
        await RunBatchAsync(environment, [Event("late-guess", success: false, Base.AddMinutes(1)), Event("anaya", success: true, Base.AddMinutes(2))]);
        await RunBatchAsync(environment, [Event("carol", success: true, Base.AddMinutes(3))]);

        Assert.Contains("succeeded after 4 failed attempts", Posted(slack, "anaya"), StringComparison.Ordinal);
        Assert.Contains("succeeded after 4 failed attempts", Posted(slack, "carol"), StringComparison.Ordinal);
        Assert.Equal(1, await StoredAsync(table, Base.AddMinutes(1)));
    }

    [Fact]
    public async Task FailuresOlderThanTheWindow_DoNotCount_ThoseWithinItDo()
    {
        var table = await CreateTableAsync();
        await using var slack = await SlackStandIn.StartAsync();
        var environment = Environment(slack, table);
        environment[BurstSettings.WindowVariable] = "15";

        await RunBatchAsync(environment, Failures(3, Base.AddSeconds(30)));
        await RunBatchAsync(environment, [Event("zoe-within", success: true, Base.AddMinutes(10)), Event("zoe-beyond", success: true, Base.AddMinutes(17))]);

        Assert.Contains("succeeded after 3 failed attempts", Posted(slack, "zoe-within"), StringComparison.Ordinal);
        var beyond = Posted(slack, "zoe-beyond");
        Assert.DoesNotContain("failed attempt", beyond, StringComparison.Ordinal);
        Assert.DoesNotContain("[HIGH]", beyond, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TableMissing_CountsTheBatchAlone_PostsAndWarnsOnce()
    {
        await using var slack = await SlackStandIn.StartAsync();
        var environment = Environment(slack, "signin-state-missing");

        var warnings = await RunBatchAsync(environment, [.. Failures(2, Base), Event("anaya", success: true, Base.AddMinutes(1)), Event("carol", success: true, Base.AddMinutes(1))]);

        Assert.Contains("succeeded after 2 failed attempts", Posted(slack, "anaya"), StringComparison.Ordinal);
        Assert.Contains("succeeded after 2 failed attempts", Posted(slack, "carol"), StringComparison.Ordinal);
        var warning = Assert.Single(warnings, w => w.Contains(Unavailable, StringComparison.Ordinal));
        Assert.Contains("ResourceNotFoundException", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETWEBHOOKTOKEN", string.Concat(warnings), StringComparison.Ordinal);
    }
}
