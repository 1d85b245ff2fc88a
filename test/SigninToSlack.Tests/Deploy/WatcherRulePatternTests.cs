using System.Text.Json;
using System.Text.Json.Nodes;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Deploy;

/// <summary>
/// The watcher rule's pattern, as template.yaml writes it for an example stack (<see cref="ExampleStack"/>), run by
/// moto's EventBridge: every sample in events/watcher/ reaches its target, and calls on other resources
/// (events/not-watched/), other API calls and sign-ins do not. The sign-in rule catches changes to the watcher.
/// </summary>
[Collection(MotoServer.Collection)]
public sealed class WatcherRulePatternTests(MotoServer moto)
{
    /// <summary>A StopLogging call, which the watcher always takes.</summary>
    private const string Canary = """{"source":"aws.cloudtrail","detail-type":"AWS API Call via CloudTrail","time":"2026-01-01T00:00:00Z","resources":[],"detail":{"eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","requestParameters":{"name":"any-trail"}}}""";

    public static TheoryData<string, bool> Samples()
    {
        var data = new TheoryData<string, bool>();
        foreach (var file in Files("watcher"))
        {
            data.Add(file, true);
        }

        foreach (var file in Files("not-watched"))
        {
            data.Add(file, false);
        }

        data.Add(Path.Combine("not-signin", "api-call.json"), false);
        data.Add("root-success.json", false);
        data.Add("signin-anomaly.json", false);
        return data;
    }

    public static TheoryData<string, bool> SigninRuleSamples()
    {
        var data = new TheoryData<string, bool>();
        foreach (var file in Files("watcher"))
        {
            // Only a change to the watcher rule itself is the sign-in rule's to catch.
            data.Add(file, file.EndsWith("-watcher.json", StringComparison.Ordinal));
        }

        foreach (var file in Files("not-watched"))
        {
            data.Add(file, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task WatcherPattern_SamplePutOnBus_ReachesTargetOnlyWhenWatched(string sample, bool watched)
    {
        // Arrange
        var pattern = CloudFormationTemplate.Load(RepoFiles.Resolve("template.yaml")).EventPattern("WatcherRule");

        // Act
        var arrived = await MatchesAsync(pattern, sample, Canary);

        // Assert
        Assert.Equal(watched, arrived);
    }

    [Theory]
    [MemberData(nameof(SigninRuleSamples))]
    public async Task SigninPattern_WatcherSample_ReachesTargetOnlyForTheWatcherRule(string sample, bool caught)
    {
        var pattern = CloudFormationTemplate.Load(RepoFiles.Resolve("template.yaml")).EventPattern("SigninRule");

        var arrived = await MatchesAsync(pattern, sample, SigninRulePatternTests.Canary);

        Assert.Equal(caught, arrived);
    }

    [Theory]
    [InlineData("watcher/cloudtrail-stop-logging.json", "", true)]
    [InlineData("watcher/cloudtrail-put-event-selectors.json", "", true)]
    [InlineData("watcher/lambda-update-function-code.json", "", false)]
    [InlineData("watcher/lambda-update-function-code.json", "production-api", true)]
    [InlineData("watcher/ssm-put-parameter.json", "/signin-to-slack/webhook", true)]
    [InlineData("not-watched/ssm-put-parameter-other.json", "/signin-to-slack/webhook", false)]
    [InlineData("not-watched/cloudtrail-describe-trails.json", "", false)]
    public async Task ForwarderWatcherPattern_WithWatchedNames_ForwardsTrailsAndWhatIsNamed(string sample, string watchedNames, bool forwarded)
    {
        // Arrange
        var stack = ExampleStack.With(("WatchedNames", new JsonArray([.. watchedNames.Split(',').Select(name => (JsonNode)JsonValue.Create(name))])));
        var pattern = CloudFormationTemplate.Load(RepoFiles.Resolve("forwarder.yaml")).EventPattern("ForwardWatcherRule", stack);

        // Act
        var arrived = await MatchesAsync(pattern, sample, Canary);

        // Assert
        Assert.Equal(forwarded, arrived);
    }

    [Fact]
    public async Task WatcherPattern_WithWatchedNames_AlsoWatchesThem()
    {
        var stack = ExampleStack.With(("WatchedNames", new JsonArray("/other-app/config")));
        var pattern = CloudFormationTemplate.Load(RepoFiles.Resolve("template.yaml")).EventPattern("WatcherRule", stack);

        var arrived = await MatchesAsync(pattern, Path.Combine("not-watched", "ssm-put-parameter-other.json"), Canary);

        Assert.True(arrived);
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.GetFiles(RepoFiles.Resolve("events", folder), "*.json").Order(StringComparer.Ordinal).Select(file => Path.Combine(folder, Path.GetFileName(file)));

    private async Task<bool> MatchesAsync(JsonNode pattern, string sample, string canaryJson)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var bus = await RuleOnBus.CreateAsync(moto, "watcher", pattern, timeout.Token);
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(RepoFiles.Resolve("events", sample), timeout.Token));
        using var canary = JsonDocument.Parse(canaryJson);
        return await bus.MatchesAsync(file.RootElement, canary.RootElement, timeout.Token);
    }
}
