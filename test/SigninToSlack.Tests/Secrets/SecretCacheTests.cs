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
}
