using System.Text.Json;
using Reply = SigninToSlack.Tests.Support.SlackStandIn.Reply;
using SigninToSlack.App;
using SigninToSlack.Configuration;
using SigninToSlack.Logging;
using SigninToSlack.Secrets;
using SigninToSlack.Delivery;
using SigninToSlack.EntryPoints;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Delivery;

/// <summary>
/// Routing, retries and DMs through the deployed composition (settings → pipeline → handler) against local Slacks.
/// "Without re-posting what already succeeded" means: when a channel fails, the invocation fails, and Lambda's retry
/// of that invocation in the same container posts the event only to the channels (and DM) that did not take it.
/// </summary>
public sealed class DeliveryTests
{
    /// <summary>A function with a channel, a bot token for the local Web API, and SLACK_PEOPLE.</summary>
    private static Dictionary<string, string?> WithBot(SlackStandIn channel, SlackStandIn api, string people) => new()
    {
        ["SLACK_WEBHOOK"] = channel.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1",
        ["SLACK_BOT_TOKEN"] = "xoxb-1-2-SECRETTOKEN",
        ["SLACK_API_URL"] = api.ApiUrl.ToString(),
        ["SLACK_PEOPLE"] = people,
    };

    [Fact]
    public async Task Invocation_OneOfTwoChannelsFails_FailsThenRetryPostsOnlyToTheFailedOne()
    {
        await using var main = await SlackStandIn.StartAsync();
        await using var oncall = await SlackStandIn.StartAsync(new Reply(404, "channel_not_found"));
        using var function = new ComposedFunction(new() { ["SLACK_WEBHOOK"] = main.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1", ["SLACK_WEBHOOK_CRITICAL"] = oncall.WebhookUrl.ToString() });

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => function.InvokeAsync("root-success.json"));
        Assert.Contains("Slack webhook (critical) answered 404 channel_not_found (taken by default)", error.Message, StringComparison.Ordinal);
        Assert.Equal((1, 1), (main.Requests.Count, oncall.Requests.Count));

        // Lambda retries the invocation: only the on-call channel is posted again.
        var retried = await function.InvokeAsync("root-success.json");
        Assert.Equal("""{"posted":1,"skipped":0}""", System.Text.Encoding.UTF8.GetString(retried));
        Assert.Equal((1, 2), (main.Requests.Count, oncall.Requests.Count));
        Assert.Equal(main.Requests[0].Body, oncall.Requests[1].Body);

        // Once every channel took it, nothing is remembered: a later duplicate delivery posts to both (a duplicate, never a loss).
        await function.InvokeAsync("root-success.json");
        Assert.Equal((2, 3), (main.Requests.Count, oncall.Requests.Count));
    }

    [Fact]
    public async Task Invocation_BothChannelsFail_RetryPostsToBoth()
    {
        await using var main = await SlackStandIn.StartAsync(new Reply(404, "channel_not_found"));
        await using var oncall = await SlackStandIn.StartAsync(new Reply(410, "channel_is_archived"));
        using var function = new ComposedFunction(new() { ["SLACK_WEBHOOK"] = main.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1", ["SLACK_WEBHOOK_CRITICAL"] = oncall.WebhookUrl.ToString() });

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => function.InvokeAsync("root-success.json"));
        await function.InvokeAsync("root-success.json");

        Assert.Contains("Slack webhook answered 404 channel_not_found; Slack webhook (critical) answered 410 channel_is_archived", error.Message, StringComparison.Ordinal);
        Assert.Equal((2, 2), (main.Requests.Count, oncall.Requests.Count));
    }

    [Fact]
    public async Task Invocation_AccountWebhook_TakesTheAccountsAlertsInsteadOfDefault()
    {
        await using var main = await SlackStandIn.StartAsync();
        await using var account = await SlackStandIn.StartAsync();
        using var function = new ComposedFunction(new()
        {
            ["SLACK_WEBHOOK"] = main.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1",
            ["SLACK_ACCOUNT_WEBHOOKS"] = $"111122223333={account.WebhookUrl};444455556666=https://hooks.slack.com/services/T/B/OTHER",
            ["SIGNIN_ACCOUNT_NAMES"] = "111122223333=prod",
        });

        await function.InvokeAsync("iam-user-failure.json");

        Assert.Empty(main.Requests);
        Assert.Contains("111122223333 (prod)", Assert.Single(account.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocation_MappedMemberId_IsMentionedAndGetsTheAlertAsDm()
    {
        await using var main = await SlackStandIn.StartAsync();
        await using var api = await SlackStandIn.StartApiAsync();
        using var function = new ComposedFunction(WithBot(main, api, "user/anaya=U0ANAYA1"));

        await function.InvokeAsync("iam-user-success-no-mfa.json");

        var channel = Assert.Single(main.Requests).Body;
        Assert.Contains("IAM user <@U0ANAYA1>", channel, StringComparison.Ordinal);
        Assert.Contains("{\"type\":\"user\",\"user_id\":\"U0ANAYA1\"}", channel, StringComparison.Ordinal);
        Assert.Equal(["/api/chat.postMessage"], api.Requests.Select(r => r.Path));
        using var dm = JsonDocument.Parse(api.Requests[0].Body);
        Assert.Equal("U0ANAYA1", dm.RootElement.GetProperty("channel").GetString());
        Assert.Equal(JsonDocument.Parse(channel).RootElement.GetProperty("text").GetString(), dm.RootElement.GetProperty("text").GetString());
        Assert.DoesNotContain("SECRETTOKEN", function.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocation_EmailNotYetLookedUp_ChannelPostedWithoutWaitingThenDmAndLaterAlertsMention()
    {
        await using var main = await SlackStandIn.StartAsync();
        // The lookup takes a second: the channel must not wait for it.
        await using var api = await SlackStandIn.StartApiAsync(new Reply(200, """{"ok":true,"user":{"id":"U0ANAYA1"}}""", DelayMs: 1000));
        using var function = new ComposedFunction(WithBot(main, api, "user/anaya=anaya@example.com"));

        await function.InvokeAsync("iam-user-success-no-mfa.json");

        var channel = Assert.Single(main.Requests);
        Assert.DoesNotContain("<@", channel.Body, StringComparison.Ordinal);
        Assert.Equal(["/api/users.lookupByEmail", "/api/chat.postMessage"], api.Requests.Select(r => r.Path));
        Assert.True(channel.At < api.Requests[0].At + TimeSpan.FromMilliseconds(700), "the channel post waited for the e-mail lookup");
        using (var dm = JsonDocument.Parse(api.Requests[1].Body))
        {
            Assert.Equal("U0ANAYA1", dm.RootElement.GetProperty("channel").GetString());
        }

        // The answer is kept: the next alert mentions the person at once, with no second lookup.
        await function.InvokeAsync("iam-user-success-no-mfa.json");

        Assert.Contains("IAM user <@U0ANAYA1>", main.Requests[1].Body, StringComparison.Ordinal);
        Assert.Equal(["/api/users.lookupByEmail", "/api/chat.postMessage", "/api/chat.postMessage"], api.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Invocation_LookupFails_AlertDeliveredAndTheFailureRememberedInsteadOfAskedAgain()
    {
        await using var main = await SlackStandIn.StartAsync();
        await using var api = await SlackStandIn.StartApiAsync(Reply.ApiError("users_not_found"));
        using var function = new ComposedFunction(WithBot(main, api, "user/anaya=anaya@example.com"));

        var first = await function.InvokeAsync("iam-user-success-no-mfa.json");
        var second = await function.InvokeAsync("iam-user-success-no-mfa.json");

        Assert.Equal("""{"posted":1,"skipped":0}""", System.Text.Encoding.UTF8.GetString(second));
        Assert.Equal(2, main.Requests.Count);
        Assert.Equal(["/api/users.lookupByEmail"], api.Requests.Select(r => r.Path));
        Assert.Contains("\tWARN\tno mention or DM for anaya@example.com: Slack users.lookupByEmail answered ok:false users_not_found (event", function.Log, StringComparison.Ordinal);
        Assert.Contains("users_not_found (not asked again for 10 min)", function.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocation_LookupNeverAnswers_ChannelDeliveredAndTheLookupEndsWithinItsBudget()
    {
        await using var main = await SlackStandIn.StartAsync();
        await using var api = await SlackStandIn.StartApiAsync(Reply.Never);
        using var function = new ComposedFunction(WithBot(main, api, "user/anaya=anaya@example.com"), new SlackRetryOptions { LookupBudget = TimeSpan.FromMilliseconds(500) });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await function.InvokeAsync("iam-user-success-no-mfa.json");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"the invocation took {clock.ElapsedMilliseconds} ms");
        Assert.Single(main.Requests);
        Assert.Contains("no mention or DM for anaya@example.com: Slack users.lookupByEmail did not answer within its 0.5 s budget", function.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocation_ChannelsHandshakeNeverCompletes_OtherChannelTakesItAndTheRetryPostsOnlyTheFailedOne()
    {
        await using var main = await SlackStandIn.StartAsync();
        using var blackhole = await BlackholeListener.StartAsync();
        var quick = new SlackRetryOptions { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(20), ConnectTimeout = TimeSpan.FromMilliseconds(300) };
        using var function = new ComposedFunction(
            new() { ["SLACK_WEBHOOK"] = main.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1", ["SLACK_WEBHOOK_CRITICAL"] = blackhole.Url(SlackStandIn.HookPath).ToString() },
            quick);

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => function.InvokeAsync("root-success.json"));
        var again = await Assert.ThrowsAsync<AlertDeliveryException>(() => function.InvokeAsync("root-success.json"));

        Assert.EndsWith("Slack webhook (critical): no connection within 0.3 s, 2 attempts (taken by default)", error.Message, StringComparison.Ordinal);
        // The ledger kept the default channel's success: the retry did not post there again.
        Assert.Single(main.Requests);
        Assert.EndsWith("Slack webhook (critical): no connection within 0.3 s, 2 attempts (taken by default)", again.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETWEBHOOKTOKEN", function.Log + error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocation_DmRefused_AlertStillDeliveredAndTheFailureLogged()
    {
        await using var main = await SlackStandIn.StartAsync();
        await using var api = await SlackStandIn.StartApiAsync(Reply.ApiError("not_in_channel"));
        using var function = new ComposedFunction(WithBot(main, api, "user/anaya=U0ANAYA1"));

        var response = await function.InvokeAsync("iam-user-success-no-mfa.json");

        Assert.Equal("""{"posted":1,"skipped":0}""", System.Text.Encoding.UTF8.GetString(response));
        Assert.Single(main.Requests);
        Assert.Contains("\tWARN\tdirect message to U0ANAYA1 not sent: Slack chat.postMessage answered ok:false not_in_channel (event 3fcfb182-98f8-4744-bd45-10a395ab61cb)", function.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocation_ChannelFailsButDmSent_RetryDoesNotDmAgain()
    {
        await using var main = await SlackStandIn.StartAsync(new Reply(404, "channel_not_found"));
        await using var api = await SlackStandIn.StartApiAsync();
        using var function = new ComposedFunction(WithBot(main, api, "user/anaya=U0ANAYA1"));

        await Assert.ThrowsAsync<AlertDeliveryException>(() => function.InvokeAsync("iam-user-success-no-mfa.json"));
        await function.InvokeAsync("iam-user-success-no-mfa.json");

        Assert.Equal(2, main.Requests.Count);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task Invocation_PersonWithoutToken_IsMentionedWithoutDm()
    {
        await using var main = await SlackStandIn.StartAsync();
        using var function = new ComposedFunction(new() { ["SLACK_WEBHOOK"] = main.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1", ["SLACK_PEOPLE"] = "user/anaya=U0ANAYA1" });

        await function.InvokeAsync("iam-user-success-no-mfa.json");

        Assert.Contains("<@U0ANAYA1>", Assert.Single(main.Requests).Body, StringComparison.Ordinal);
    }

    /// <summary>A failed attempt's name is whatever was typed at the sign-in page: it gets no mention and no DM, the channel alert stands.</summary>
    [Fact]
    public async Task Invocation_FailedAttemptOfMappedPerson_NeitherMentionsNorDms()
    {
        await using var main = await SlackStandIn.StartAsync();
        await using var api = await SlackStandIn.StartApiAsync();
        using var function = new ComposedFunction(WithBot(main, api, "user/anaya=U0ANAYA1"));

        await function.InvokeAsync("iam-user-failure.json");

        Assert.DoesNotContain("U0ANAYA1", Assert.Single(main.Requests).Body, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData("check-mfa.json", null, "skipped: ignored by SIGNIN_IGNORE_EVENTS (CheckMfa) (event f8ef8fc5-e3e8-4ee1-9d52-2f412ddf17e3)")]
    [InlineData("iam-user-success-mfa.json", "SIGNIN_MIN_SEVERITY=high", "skipped: info is below SIGNIN_MIN_SEVERITY (high)")]
    [InlineData("iam-user-failure.json", "SIGNIN_IGNORE_SOURCE_IPS=192.0.2.0/24;SIGNIN_IGNORE_SOURCE_IPS_ALSO=failures", "skipped: ignored by SIGNIN_IGNORE_SOURCE_IPS (192.0.2.0/24)")]
    public async Task Invocation_SilencedEvent_IsSkippedWithOneLineNamingTheRule(string sample, string? setting, string line)
    {
        await using var main = await SlackStandIn.StartAsync();
        var environment = new Dictionary<string, string?> { ["SLACK_WEBHOOK"] = main.WebhookUrl.ToString(), ["SLACK_EXTRA_HOSTS"] = "127.0.0.1" };
        foreach (var pair in (setting ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            environment[pair.Split('=')[0]] = pair.Split('=')[1];
        }

        using var function = new ComposedFunction(environment);

        var response = await function.InvokeAsync(sample);

        Assert.Equal("""{"posted":0,"skipped":1}""", System.Text.Encoding.UTF8.GetString(response));
        Assert.Empty(main.Requests);
        Assert.Contains("\tINFO\t" + line, Assert.Single(function.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith("{\"_aws\"", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
