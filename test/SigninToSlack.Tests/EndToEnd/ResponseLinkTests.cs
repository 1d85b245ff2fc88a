using System.Text.Json;
using SigninToSlack.Tests.Support;
using static SigninToSlack.Tests.Support.ResponseLinkPayloads;

namespace SigninToSlack.Tests.EndToEnd;

/// <summary>
/// "That wasn't me" links through the deployed composition (settings → pipeline → handler) to a local Slack: the
/// channel and the DM carry the same signed link and buttons; a link key that cannot be read costs the links, never the alert.
/// </summary>
public sealed class ResponseLinkTests
{
    private const string SessionToken = "IQoJb3JpZ2luX2VjELinks";

    private static Dictionary<string, string?> Environment(SlackStandIn channel, string linkKey, int extensionPort) => new()
    {
        ["SLACK_WEBHOOK"] = channel.WebhookUrl.ToString(),
        ["SLACK_EXTRA_HOSTS"] = "127.0.0.1",
        ["SIGNIN_RESPOND_URL"] = RespondUrl,
        ["SIGNIN_LINK_KEY"] = linkKey,
        ["AWS_SESSION_TOKEN"] = SessionToken,
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_REGION"] = "us-east-1",
        ["PARAMETERS_SECRETS_EXTENSION_HTTP_PORT"] = extensionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),

        // Where a direct read would go if the extension were absent: nothing listens there.
        ["AWS_ENDPOINT_URL"] = $"http://127.0.0.1:{LoopbackPort.Free()}/",
    };

    [Fact]
    public async Task Invocation_SlackAppAndMappedPerson_ChannelAndDmCarryTheSameLinkAndButtons()
    {
        await using var channel = await SlackStandIn.StartAsync();
        await using var api = await SlackStandIn.StartApiAsync();
        var environment = Environment(channel, LinkKey, LoopbackPort.Free());
        environment["SLACK_BOT_TOKEN"] = "xoxb-1-2-SECRETTOKEN";
        environment["SLACK_API_URL"] = api.ApiUrl.ToString();
        environment["SLACK_PEOPLE"] = "user/anaya=U0ANAYA1";
        environment["SLACK_SIGNING_SECRET"] = "0123456789abcdef0123456789abcdef";
        using var function = new ComposedFunction(environment);

        await function.InvokeAsync("iam-user-success-mfa.json");

        var posted = Assert.Single(channel.Requests).Body;
        BlockKit.AssertValid(posted);
        var (links, buttons) = Read(posted);
        var token = TokenOf(Assert.Single(links));
        Assert.Equal([token, token], buttons);
        var read = Verify(token, "111122223333", DateTimeOffset.UtcNow);
        Assert.Equal(("arn:aws:iam::111122223333:user/anaya", "fed06f42-cb12-4764-8c69-121063dc79b9", "U0ANAYA1"), (read.PrincipalArn, read.EventId, read.Member));

        var dm = Assert.Single(api.Requests, r => r.Path == "/api/chat.postMessage").Body;
        using (var body = JsonDocument.Parse(dm))
        {
            Assert.Equal("U0ANAYA1", body.RootElement.GetProperty("channel").GetString());
        }

        var (dmLinks, dmButtons) = Read(dm);
        Assert.Equal(links, dmLinks);
        Assert.Equal(buttons, dmButtons);
        Assert.DoesNotContain(LinkKey, function.Log + posted + dm, StringComparison.Ordinal);
        Assert.DoesNotContain("That wasn't me", function.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocation_LinkKeyStoredInSsm_MintsWithTheStoredKey()
    {
        const string stored = "stored-link-key-abcdefghijklmnopqrstuvwxyz0123";
        await using var channel = await SlackStandIn.StartAsync();
        await using var extension = await ExtensionStandIn.StartAsync(SessionToken, new Dictionary<string, string> { ["/signin-to-slack/link-key"] = stored });
        using var function = new ComposedFunction(Environment(channel, "ssm:/signin-to-slack/link-key", extension.Port));

        await function.InvokeAsync("iam-user-success-mfa.json");

        var posted = Assert.Single(channel.Requests).Body;
        var (links, buttons) = Read(posted);
        Verify(TokenOf(Assert.Single(links)), "111122223333", DateTimeOffset.UtcNow, key: stored);
        Assert.Empty(buttons); // no SLACK_SIGNING_SECRET: no Slack app to answer them
        Assert.DoesNotContain(stored, function.Log + posted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocation_LinkKeyCannotBeRead_AlertDeliveredWithoutLinksAndTheLogSaysWhy()
    {
        await using var channel = await SlackStandIn.StartAsync();
        await using var extension = await ExtensionStandIn.StartAsync(SessionToken);
        using var function = new ComposedFunction(Environment(channel, "ssm:/signin-to-slack/missing-link-key", extension.Port));

        var answer = await function.InvokeAsync("iam-user-success-mfa.json");

        Assert.Equal("""{"posted":1,"skipped":0}""", System.Text.Encoding.UTF8.GetString(answer));
        var posted = Assert.Single(channel.Requests).Body;
        BlockKit.AssertValid(posted);
        Assert.Equal((0, 0), (Read(posted).Links.Count, Read(posted).Buttons.Count));
        var warning = Assert.Single(function.Log.Split('\n'), l => l.Contains("no \"That wasn't me\" link", StringComparison.Ordinal));
        Assert.Contains("SIGNIN_LINK_KEY: ssm:/signin-to-slack/missing-link-key could not be resolved", warning, StringComparison.Ordinal);
        Assert.Contains("(event fed06f42-cb12-4764-8c69-121063dc79b9)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocation_NoRespondUrl_PayloadIsTheUsualOne()
    {
        await using var channel = await SlackStandIn.StartAsync();
        var environment = Environment(channel, LinkKey, LoopbackPort.Free());
        environment.Remove("SIGNIN_RESPOND_URL");
        using var function = new ComposedFunction(environment);

        await function.InvokeAsync("iam-user-success-mfa.json");

        Assert.Equal(System.Text.Encoding.UTF8.GetString(Samples.PayloadBytes(Samples.AlertFromFile("iam-user-success-mfa.json"))), Assert.Single(channel.Requests).Body);
    }
}
