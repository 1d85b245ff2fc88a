using Microsoft.Extensions.Time.Testing;
using SigninToSlack.Configuration;
using SigninToSlack.Secrets;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Secrets;

public sealed class SecretCacheTests
{
    private static readonly SecretReference Hook = new(SecretKind.Ssm, "/signin-to-slack/webhook");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly CountingSecretSource _source = new();

    [Fact]
    public async Task GetAsync_WithinTtl_FetchesOnceThenAgainAfterIt()
    {
        _source.Values["/signin-to-slack/webhook"] = "first";
        var cache = new SecretCache(_source, TimeSpan.FromMinutes(5), _time);

        var first = await cache.GetAsync(Hook, CancellationToken.None);
        _source.Values["/signin-to-slack/webhook"] = "rotated";
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var withinTtl = await cache.GetAsync(Hook, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var afterTtl = await cache.GetAsync(Hook, CancellationToken.None);

        Assert.Equal(("first", "first", "rotated"), (first, withinTtl, afterTtl));
        Assert.Equal(2, _source.Fetches);
    }

    [Fact]
    public async Task GetAsync_ZeroTtl_FetchesEveryTime()
    {
        _source.Values["/signin-to-slack/webhook"] = "value";
        var cache = new SecretCache(_source, TimeSpan.Zero, _time);

        await cache.GetAsync(Hook, CancellationToken.None);
        await cache.GetAsync(Hook, CancellationToken.None);

        Assert.Equal(2, _source.Fetches);
    }

    [Fact]
    public async Task GetAsync_FailedFetch_IsNotCached()
    {
        var cache = new SecretCache(_source, TimeSpan.FromMinutes(5), _time);

        await Assert.ThrowsAsync<SecretResolutionException>(() => cache.GetAsync(Hook, CancellationToken.None).AsTask());
        _source.Values["/signin-to-slack/webhook"] = "now there";
        var value = await cache.GetAsync(Hook, CancellationToken.None);

        Assert.Equal("now there", value);
    }

    [Theory]
    [InlineData("""{"webhook":"https://hooks.example/SECRETVALUE"}""", "url", "the secret has no key 'url'")]
    [InlineData("""{"url":42,"x":"SECRETVALUE"}""", "url", "the secret's key 'url' is not a string")]
    [InlineData("""["SECRETVALUE"]""", "url", "the secret is not a JSON object, so it has no key 'url'")]
    [InlineData("https://hooks.example/SECRETVALUE", "url", "the secret is not JSON, so it has no key 'url'")]
    public async Task GetAsync_JsonKeyNotThere_FailsNamingTheKeyNotTheValue(string secret, string key, string expected)
    {
        _source.Values["slack"] = secret;
        var cache = new SecretCache(_source, TimeSpan.FromMinutes(5), _time);

        var error = await Assert.ThrowsAsync<SecretResolutionException>(
            () => cache.GetAsync(new SecretReference(SecretKind.SecretsManager, "slack", key), CancellationToken.None).AsTask());

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public async Task ReferencedSecret_FetchFails_NamesVariableAndReference()
    {
        var secret = SecretSetting<Uri>.Referenced("SLACK_WEBHOOK", Hook, SlackHosts.SlackOnly.Webhook).Bind(new SecretCache(_source, TimeSpan.FromMinutes(5), _time));

        var error = await Assert.ThrowsAsync<SecretResolutionException>(() => secret.GetAsync(CancellationToken.None).AsTask());

        Assert.Equal("SLACK_WEBHOOK: ssm:/signin-to-slack/webhook could not be resolved: ParameterNotFound", error.Message);
    }

    [Theory]
    [InlineData("http://hooks.slack.com/services/SECRETVALUE", "must be an https:// URL")]
    [InlineData("SECRETVALUE", "is not an absolute URL")]
    public async Task ReferencedSecret_ValueNotAWebhook_FailsNamingReferenceNotValue(string value, string problem)
    {
        _source.Values["/signin-to-slack/webhook"] = value;
        var secret = SecretSetting<Uri>.Referenced("SLACK_WEBHOOK", Hook, SlackHosts.SlackOnly.Webhook).Bind(new SecretCache(_source, TimeSpan.FromMinutes(5), _time));

        var error = await Assert.ThrowsAsync<SecretResolutionException>(() => secret.GetAsync(CancellationToken.None).AsTask());

        Assert.StartsWith($"SLACK_WEBHOOK: the value of ssm:/signin-to-slack/webhook {problem}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETVALUE", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReferencedSecret_Rotated_GivesTheNewUrlAfterTheTtl()
    {
        _source.Values["/signin-to-slack/webhook"] = "https://hooks.slack.com/services/one";
        var secret = SecretSetting<Uri>.Referenced("SLACK_WEBHOOK", Hook, SlackHosts.SlackOnly.Webhook).Bind(new SecretCache(_source, TimeSpan.FromSeconds(60), _time));

        var before = await secret.GetAsync(CancellationToken.None);
        _source.Values["/signin-to-slack/webhook"] = "https://hooks.slack.com/services/two";
        _time.Advance(TimeSpan.FromSeconds(61));
        var after = await secret.GetAsync(CancellationToken.None);

        Assert.Equal((new Uri("https://hooks.slack.com/services/one"), new Uri("https://hooks.slack.com/services/two")), (before, after));
    }

    /// <summary>Whoever can change the parameter must not be able to point alerts at another host: the value read is held to the same hosts.</summary>
    [Theory]
    [InlineData("https://sink.example/services/T/B/SECRETVALUE", null, false)]
    [InlineData("http://127.0.0.1:9/services/SECRETVALUE", null, false)]
    [InlineData("http://127.0.0.1:9/services/SECRETVALUE", "127.0.0.1", true)]
    [InlineData("https://hooks.slack-gov.com/services/T/B/SECRETVALUE", null, true)]
    public async Task ReferencedSecret_ValueOnAHost_IsHeldToTheAdmittedHosts(string value, string? extraHosts, bool accepted)
    {
        _source.Values["/signin-to-slack/webhook"] = value;
        var hosts = SlackHosts.Read(name => name == "SLACK_EXTRA_HOSTS" ? extraHosts : null);
        var secret = SecretSetting<Uri>.Referenced("SLACK_WEBHOOK", Hook, hosts.Webhook).Bind(new SecretCache(_source, TimeSpan.FromMinutes(5), _time));

        if (accepted)
        {
            Assert.Equal(new Uri(value), await secret.GetAsync(CancellationToken.None));
            return;
        }

        var error = await Assert.ThrowsAsync<SecretResolutionException>(() => secret.GetAsync(CancellationToken.None).AsTask());
        Assert.StartsWith("SLACK_WEBHOOK: the value of ssm:/signin-to-slack/webhook must be an https:// URL on hooks.slack.com or hooks.slack-gov.com", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETVALUE", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_ReadFailsWithinStaleLimit_ServesLastValueWithOneWarningThenRecovers()
    {
        var warnings = new List<string>();
        _source.Values["/signin-to-slack/webhook"] = "https://hooks.example/SECRETVALUE";
        var cache = new SecretCache(_source, TimeSpan.FromMinutes(5), _time, warnings.Add);

        await cache.GetAsync(Hook, CancellationToken.None);
        _source.Values.Clear();
        _time.Advance(TimeSpan.FromMinutes(5) + SecretCache.StaleLimit - TimeSpan.FromSeconds(1));
        var stale = await cache.GetAsync(Hook, CancellationToken.None);
        _source.Values["/signin-to-slack/webhook"] = "rotated";
        var recovered = await cache.GetAsync(Hook, CancellationToken.None);

        Assert.Equal(("https://hooks.example/SECRETVALUE", "rotated"), (stale, recovered));
        var warning = Assert.Single(warnings);
        Assert.Equal("ssm:/signin-to-slack/webhook could not be read again (ParameterNotFound): using the value read 65 min ago, kept up to 60 min past its expiry", warning);
        Assert.Equal(3, _source.Fetches);
    }

    [Fact]
    public async Task GetAsync_ReadFailsPastStaleLimit_Fails()
    {
        var warnings = new List<string>();
        _source.Values["/signin-to-slack/webhook"] = "value";
        var cache = new SecretCache(_source, TimeSpan.FromMinutes(5), _time, warnings.Add);

        await cache.GetAsync(Hook, CancellationToken.None);
        _source.Values.Clear();
        _time.Advance(TimeSpan.FromMinutes(5) + SecretCache.StaleLimit);
        var error = await Assert.ThrowsAsync<SecretResolutionException>(() => cache.GetAsync(Hook, CancellationToken.None).AsTask());

        Assert.Equal("ParameterNotFound", error.Message);
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task GetAsync_ConcurrentCallers_ShareOneRead()
    {
        var source = new GatedSecretSource();
        var cache = new SecretCache(source, TimeSpan.FromMinutes(5), _time);

        var callers = Enumerable.Range(0, 5).Select(_ => cache.GetAsync(Hook, CancellationToken.None).AsTask()).ToList();
        await source.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        source.Release.SetResult("value");
        var values = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(values, value => Assert.Equal("value", value));
        Assert.Equal(1, source.Fetches);
    }

    [Fact]
    public async Task GetAsync_SharedReadFails_EveryWaitingCallerGetsTheFailure()
    {
        var source = new GatedSecretSource();
        var cache = new SecretCache(source, TimeSpan.FromMinutes(5), _time);

        var callers = Enumerable.Range(0, 3).Select(_ => cache.GetAsync(Hook, CancellationToken.None).AsTask()).ToList();
        await source.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        source.Release.SetException(new SecretResolutionException("ThrottlingException"));

        foreach (var caller in callers)
        {
            var error = await Assert.ThrowsAsync<SecretResolutionException>(() => caller);
            Assert.Equal("ThrottlingException", error.Message);
        }

        Assert.Equal(1, source.Fetches);
    }

    [Fact]
    public async Task GetAsync_CallerOfTheSharedReadGivesUp_AnotherCallerReadsForItself()
    {
        var source = new GatedSecretSource();
        var cache = new SecretCache(source, TimeSpan.FromMinutes(5), _time);
        using var first = new CancellationTokenSource();

        var leader = cache.GetAsync(Hook, first.Token).AsTask();
        await source.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var follower = cache.GetAsync(Hook, CancellationToken.None).AsTask();
        source.Started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leader);
        await source.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        source.Release.SetResult("value");

        Assert.Equal("value", await follower.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, source.Fetches);
    }

    [Fact]
    public async Task Invalidate_WithinTtl_NextGetReadsAgain()
    {
        _source.Values["/signin-to-slack/webhook"] = "old";
        var secret = SecretSetting<string>.Referenced("SLACK_WEBHOOK", Hook, Any).Bind(new SecretCache(_source, TimeSpan.FromMinutes(5), _time));

        await secret.GetAsync(CancellationToken.None);
        _source.Values["/signin-to-slack/webhook"] = "new";
        var invalidated = secret.Invalidate();
        var value = await secret.GetAsync(CancellationToken.None);

        Assert.True(invalidated);
        Assert.Equal("new", value);
        Assert.Equal(2, _source.Fetches);
    }

    [Fact]
    public async Task Invalidate_ReadThenFails_ServesTheOldValueAsStale()
    {
        var warnings = new List<string>();
        _source.Values["/signin-to-slack/webhook"] = "old";
        var cache = new SecretCache(_source, TimeSpan.FromMinutes(5), _time, warnings.Add);

        await cache.GetAsync(Hook, CancellationToken.None);
        _source.Values.Clear();
        cache.Invalidate(Hook);
        var value = await cache.GetAsync(Hook, CancellationToken.None);

        Assert.Equal("old", value);
        Assert.Single(warnings);
    }

    [Fact]
    public void Invalidate_PlainSecret_SaysThereIsNothingToReadAgain() =>
        Assert.False(new PlainSecret<string>("value").Invalidate());

    private static string? Any(string value, out string? result)
    {
        result = value;
        return null;
    }

    /// <summary>A source whose reads wait until the test lets them finish; counts them.</summary>
    private sealed class GatedSecretSource : ISecretSource
    {
        private int _fetches;

        public TaskCompletionSource Started { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<string> Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Fetches => _fetches;

        public Task<string> FetchAsync(SecretKind kind, string id, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _fetches);
            Started.TrySetResult();
            return Release.Task.WaitAsync(cancellationToken);
        }
    }
}
