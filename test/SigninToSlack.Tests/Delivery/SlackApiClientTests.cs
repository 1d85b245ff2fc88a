using System.Diagnostics;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Reply = SigninToSlack.Tests.Support.SlackStandIn.Reply;
using SigninToSlack.Secrets;
using SigninToSlack.Delivery;
using SigninToSlack.Serialization;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Delivery;

/// <summary>The Web API client against a local Slack Web API on 127.0.0.1.</summary>
public sealed class SlackApiClientTests
{
    private const string Token = "xoxb-1-2-SECRETTOKEN";
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"text":"hello","unfurl_links":false}""");

    private static readonly SlackRetryOptions Fast = new()
    {
        MaxRetries = 2,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(1),
        MaxRetryAfter = TimeSpan.FromSeconds(5),
    };

    private static SlackApiClient Client(SlackStandIn slack, HttpClient http) =>
        new(http, new PlainSecret<string>(Token), slack.ApiUrl, Fast, TimeProvider.System);

    [Fact]
    public async Task PostMessage_Ok_PostsThePayloadToTheMemberWithTheBearerToken()
    {
        await using var slack = await SlackStandIn.StartApiAsync();
        using var http = SlackSender.CreateHttpClient();

        await Client(slack, http).PostMessageAsync("U0ALICE1", Payload, DateTimeOffset.MaxValue, CancellationToken.None);

        var request = Assert.Single(slack.Requests);
        Assert.Equal("/api/chat.postMessage", request.Path);
        Assert.Equal("Bearer " + Token, request.Authorization);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("""{"channel":"U0ALICE1","text":"hello","unfurl_links":false}""", request.Body);
        Assert.Empty(http.DefaultRequestHeaders);
    }

    [Fact]
    public async Task PostMessage_OkFalse_FailsAtOnceWithSlacksErrorAndNoToken()
    {
        await using var slack = await SlackStandIn.StartApiAsync(Reply.ApiError("channel_not_found"));
        using var http = SlackSender.CreateHttpClient();

        var error = await Assert.ThrowsAsync<SlackDeliveryException>(() => Client(slack, http).PostMessageAsync("U0ALICE1", Payload, DateTimeOffset.MaxValue, CancellationToken.None));

        Assert.Equal("Slack chat.postMessage answered ok:false channel_not_found", error.Message);
        Assert.Single(slack.Requests);
        Assert.DoesNotContain("SECRETTOKEN", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessage_RateLimited_WaitsForRetryAfterThenSucceeds()
    {
        await using var slack = await SlackStandIn.StartApiAsync(new Reply(429, """{"ok":false,"error":"ratelimited"}""", RetryAfterSeconds: 1));
        using var http = SlackSender.CreateHttpClient();

        await Client(slack, http).PostMessageAsync("U0ALICE1", Payload, DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.Equal(2, slack.Requests.Count);
        Assert.True(slack.Requests[1].At - slack.Requests[0].At >= TimeSpan.FromMilliseconds(900));
        Assert.All(slack.Requests, r => Assert.Equal("Bearer " + Token, r.Authorization));
    }

    [Fact]
    public async Task PostMessage_NeverAnswers_TimesOutAfterEveryAttempt()
    {
        await using var slack = await SlackStandIn.StartApiAsync(Reply.Never, Reply.Never, Reply.Never);
        using var http = SlackSender.CreateHttpClient();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<SlackDeliveryException>(() => Client(slack, http).PostMessageAsync("U0ALICE1", Payload, DateTimeOffset.MaxValue, CancellationToken.None));

        Assert.Equal("Slack chat.postMessage did not answer within 1 s, 3 attempts", error.Message);
        Assert.Equal(3, slack.Requests.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task PostMessage_ServerError_RetriesThenSucceeds()
    {
        await using var slack = await SlackStandIn.StartApiAsync(new Reply(503, "upstream"));
        using var http = SlackSender.CreateHttpClient();

        await Client(slack, http).PostMessageAsync("U0ALICE1", Payload, DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.Equal(2, slack.Requests.Count);
    }

    [Fact]
    public async Task LookupByEmail_Found_ReturnsTheMemberAndAsksOnlyOnce()
    {
        await using var slack = await SlackStandIn.StartApiAsync(new Reply(200, """{"ok":true,"user":{"id":"U0BOB123","name":"bob"}}"""));
        using var http = SlackSender.CreateHttpClient();
        var client = Client(slack, http);

        var first = await client.LookupByEmailAsync("bob@example.com", DateTimeOffset.MaxValue, CancellationToken.None);
        var second = await client.LookupByEmailAsync("BOB@example.com", DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.Equal(("U0BOB123", "U0BOB123"), (first, second));
        var request = Assert.Single(slack.Requests);
        Assert.Equal("/api/users.lookupByEmail", request.Path);
        Assert.Equal("email=bob%40example.com", request.Body);
        Assert.Equal("Bearer " + Token, request.Authorization);
    }

    [Fact]
    public async Task LookupByEmail_NotFound_IsRememberedForTenMinutesThenAskedAgain()
    {
        await using var slack = await SlackStandIn.StartApiAsync(Reply.ApiError("users_not_found"), new Reply(200, """{"ok":true,"user":{"id":"U0BOB123"}}"""));
        using var http = SlackSender.CreateHttpClient();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = new SlackApiClient(http, new PlainSecret<string>(Token), slack.ApiUrl, Fast, clock);

        var error = await Assert.ThrowsAsync<SlackDeliveryException>(() => client.LookupByEmailAsync("bob@example.com", DateTimeOffset.MaxValue, CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(9));
        var remembered = await Assert.ThrowsAsync<SlackDeliveryException>(() => client.LookupByEmailAsync("BOB@example.com", DateTimeOffset.MaxValue, CancellationToken.None));
        Assert.Single(slack.Requests);
        clock.Advance(TimeSpan.FromMinutes(1));
        var later = await client.LookupByEmailAsync("bob@example.com", DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.Equal("Slack users.lookupByEmail answered ok:false users_not_found", error.Message);
        Assert.Equal("Slack users.lookupByEmail answered ok:false users_not_found (not asked again for 10 min)", remembered.Message);
        Assert.Equal("U0BOB123", later);
        Assert.Equal(2, slack.Requests.Count);
        Assert.Equal("U0BOB123", client.KnownMemberId("bob@example.com"));
    }

    [Fact]
    public async Task LookupByEmail_RateLimitedForLong_FailsAtOnceInsteadOfWaiting()
    {
        await using var slack = await SlackStandIn.StartApiAsync(new Reply(429, """{"ok":false,"error":"ratelimited"}""", RetryAfterSeconds: 30));
        using var http = SlackSender.CreateHttpClient();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<SlackDeliveryException>(() => Client(slack, http).LookupByEmailAsync("bob@example.com", DateTimeOffset.MaxValue, CancellationToken.None));

        Assert.StartsWith("Slack users.lookupByEmail answered 429", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("with Retry-After 30 s, longer than the 1 s this function waits", error.Message, StringComparison.Ordinal);
        Assert.Single(slack.Requests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"failed after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task LookupByEmail_SlackNeverAnswers_GivesUpAtItsOwnBudget()
    {
        await using var slack = await SlackStandIn.StartApiAsync(Reply.Never, Reply.Never);
        using var http = SlackSender.CreateHttpClient();
        var client = new SlackApiClient(http, new PlainSecret<string>(Token), slack.ApiUrl, Fast with { LookupBudget = TimeSpan.FromMilliseconds(400) }, TimeProvider.System);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<SlackDeliveryException>(() => client.LookupByEmailAsync("bob@example.com", DateTimeOffset.MaxValue, CancellationToken.None));

        Assert.Equal("Slack users.lookupByEmail did not answer within its 0.4 s budget", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"failed after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task LookupByEmail_AnswerWithoutValidMemberId_Fails()
    {
        await using var slack = await SlackStandIn.StartApiAsync(new Reply(200, """{"ok":true,"user":{"id":"<!channel>"}}"""));
        using var http = SlackSender.CreateHttpClient();

        var error = await Assert.ThrowsAsync<SlackDeliveryException>(() => Client(slack, http).LookupByEmailAsync("bob@example.com", DateTimeOffset.MaxValue, CancellationToken.None));

        Assert.Contains("without a member ID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SlackApiAnswer_IsReadBySourceGeneratedContext()
    {
        var answer = JsonSerializer.Deserialize("""{"ok":false,"error":"invalid_auth","warning":"x"}""", SigninToSlack.Serialization.AppJsonSerializerContext.Default.SlackApiAnswer);

        Assert.Equal(new SlackApiAnswer(false, "invalid_auth"), answer);
    }
}
