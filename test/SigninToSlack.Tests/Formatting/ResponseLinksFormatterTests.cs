using System.Buffers;
using System.Text;
using System.Text.Json;
using SigninToSlack.Alerts;
using SigninToSlack.Formatting;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Formatting;

/// <summary>The "That wasn't me" link and buttons as the formatter writes them, from links it is given.</summary>
public sealed class ResponseLinksFormatterTests
{
    private const string Token = "v1.cGF5bG9hZA.bWFj";
    private const string Page = "https://abc123.lambda-url.eu-west-1.on.aws/?t=" + Token;
    private static readonly DateTimeOffset Expires = new(2026, 12, 2, 12, 30, 0, TimeSpan.Zero);

    private static string Write(SigninAlert alert, ResponseLinks? links)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var written = SlackFormatter.Write(alert, buffer, links);
        Assert.Equal(buffer.WrittenCount, written);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static List<JsonElement> Blocks(JsonDocument payload) =>
        [.. payload.RootElement.GetProperty("attachments")[0].GetProperty("blocks").EnumerateArray()];

    /// <summary>Every rich-text element of the payload, of any type.</summary>
    private static List<JsonElement> RichElements(JsonDocument payload) =>
        [.. Blocks(payload).Where(b => b.GetProperty("type").GetString() == "rich_text")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .SelectMany(s => s.GetProperty("elements").EnumerateArray())];

    private static SigninAlert Success => Samples.AlertFromFile("iam-user-success-mfa.json");

    [Fact]
    public void Write_NoLinks_IsByteForByteTheAlertWithoutThem()
    {
        var alert = Success;

        Assert.Equal(Encoding.UTF8.GetString(Samples.PayloadBytes(alert)), Write(alert, null));
    }

    [Fact]
    public void Write_LinkWithoutButtonToken_AddsOneRichTextBlockBeforeTheContextLine()
    {
        using var without = JsonDocument.Parse(Write(Success, null));
        var json = Write(Success, new ResponseLinks(Page, Expires));
        using var payload = JsonDocument.Parse(json);

        BlockKit.AssertValid(json);
        var blocks = Blocks(payload);
        Assert.Equal(Blocks(without).Count + 1, blocks.Count);
        Assert.Equal("context", blocks[^1].GetProperty("type").GetString());
        var section = blocks[^2].GetProperty("elements")[0].GetProperty("elements");
        Assert.Equal(
            ["text", "link", "text", "date", "text"],
            section.EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("Not you? ", section[0].GetProperty("text").GetString());
        Assert.Equal(Page, section[1].GetProperty("url").GetString());
        Assert.Equal("That wasn't me", section[1].GetProperty("text").GetString());
        Assert.Equal(Expires.ToUnixTimeSeconds(), section[3].GetProperty("timestamp").GetInt64());
        Assert.Equal("2026-12-02 12:30:00 UTC", section[3].GetProperty("fallback").GetString());
        Assert.DoesNotContain(blocks, b => b.GetProperty("type").GetString() == "actions");
    }

    [Fact]
    public void Write_ButtonToken_AddsWasMeAndDangerousWasntMeWithTheTokenAndAConfirmation()
    {
        var json = Write(Success, new ResponseLinks(Page, Expires, Token));
        using var payload = JsonDocument.Parse(json);

        BlockKit.AssertValid(json);
        var blocks = Blocks(payload);
        var actions = blocks[^2];
        Assert.Equal("actions", actions.GetProperty("type").GetString());
        Assert.Equal("signin_respond", actions.GetProperty("block_id").GetString());
        Assert.Equal("rich_text", blocks[^3].GetProperty("type").GetString());
        var buttons = actions.GetProperty("elements").EnumerateArray().ToList();
        Assert.Equal(["signin_was_me", "signin_wasnt_me"], buttons.Select(b => b.GetProperty("action_id").GetString()));
        Assert.Equal(["That was me", "That wasn't me"], buttons.Select(b => b.GetProperty("text").GetProperty("text").GetString()));
        Assert.All(buttons, b => Assert.Equal(Token, b.GetProperty("value").GetString()));
        Assert.False(buttons[0].TryGetProperty("style", out _));
        Assert.False(buttons[0].TryGetProperty("confirm", out _));
        Assert.Equal("danger", buttons[1].GetProperty("style").GetString());
        var confirm = buttons[1].GetProperty("confirm");
        Assert.Contains("access keys are deactivated", confirm.GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("Cancel", confirm.GetProperty("deny").GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(nameof(ContainedKind.IamUser), "This IAM user is denied every action", "Contain the user")]
    [InlineData(nameof(ContainedKind.Role), "Every current session of this role ends", "End the sessions")]
    [InlineData(nameof(ContainedKind.IdentityCenter), "disable this IAM Identity Center user", "Report it")]
    public void Write_EachKind_ConfirmationSaysWhatThePressDoes(string kind, string says, string button)
    {
        var json = Write(Success, new ResponseLinks(Page, Expires, Token, Enum.Parse<ContainedKind>(kind)));
        using var payload = JsonDocument.Parse(json);

        BlockKit.AssertValid(json);
        var confirm = Blocks(payload)[^2].GetProperty("elements")[1].GetProperty("confirm");
        Assert.Contains(says, confirm.GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(button, confirm.GetProperty("confirm").GetProperty("text").GetString());
    }

    [Fact]
    public void Write_TokenOver2000_LeavesTheButtonsOutAndKeepsTheLinkThatFits()
    {
        var token = "v1." + new string('a', 2100);
        var json = Write(Success, new ResponseLinks("https://abc123.lambda-url.eu-west-1.on.aws/?t=" + token, Expires, token));
        using var payload = JsonDocument.Parse(json);

        BlockKit.AssertValid(json);
        Assert.DoesNotContain(Blocks(payload), b => b.GetProperty("type").GetString() == "actions");
        Assert.Single(RichElements(payload), e => e.GetProperty("type").GetString() == "link");
    }

    [Fact]
    public void Write_UrlOver3000_LeavesTheLinkOut()
    {
        var token = "v1." + new string('a', 3000);
        var json = Write(Success, new ResponseLinks("https://abc123.lambda-url.eu-west-1.on.aws/?t=" + token, Expires, token));
        using var payload = JsonDocument.Parse(json);

        Assert.Equal(Write(Success, null), json);
        Assert.DoesNotContain(RichElements(payload), e => e.GetProperty("type").GetString() == "link");
    }

    [Fact]
    public void Write_UrlThatIsNotHttps_LeavesTheLinkOut()
    {
        var json = Write(Success, new ResponseLinks("javascript:alert(1)", Expires));

        Assert.Equal(Write(Success, null), json);
    }

    [Fact]
    public void Write_HostileEventWithLinks_OnlyTheProductsLinkAndNoMentionOrLineFromTheEvent()
    {
        const string hostile = "<!channel> *bold* <https://evil.example|x>\nSecond line\r\n<@U0EVIL123>";
        var alert = Samples.Alert($$"""
            {"userIdentity":{"type":"IAMUser","userName":{{JsonSerializer.Serialize(hostile)}},"arn":"arn:aws:iam::111122223333:user/eve"},
             "eventName":"ConsoleLogin","userAgent":{{JsonSerializer.Serialize(hostile)}},"sourceIPAddress":{{JsonSerializer.Serialize(hostile)}},
             "responseElements":{"ConsoleLogin":"Success"},"eventID":"0b4a0a3c-7d4f-4e53-a9a4-1c1ed3f1a001","awsRegion":"us-east-1"}
            """);

        var json = Write(alert, new ResponseLinks(Page, Expires, Token));
        using var payload = JsonDocument.Parse(json);

        BlockKit.AssertValid(json);
        var elements = RichElements(payload);
        var link = Assert.Single(elements, e => e.GetProperty("type").GetString() == "link");
        Assert.Equal(Page, link.GetProperty("url").GetString());
        Assert.DoesNotContain(elements, e => e.GetProperty("type").GetString() == "user");
        Assert.All(
            elements.Where(e => e.GetProperty("type").GetString() == "text").Select(e => e.GetProperty("text").GetString()!),
            text => Assert.True(!text.Contains('\n', StringComparison.Ordinal) || text.StartsWith('\n'), $"a line break from the event: {text}"));
        Assert.Contains(elements, e => e.GetProperty("type").GetString() == "text" && e.GetProperty("text").GetString()!.Contains("<!channel> *bold* <https://evil.example|x> Second line", StringComparison.Ordinal));
        var mrkdwn = payload.RootElement.GetProperty("text").GetString() + Blocks(payload)[^1].GetProperty("elements")[0].GetProperty("text").GetString();
        Assert.DoesNotContain("<!", mrkdwn, StringComparison.Ordinal);
        Assert.DoesNotContain("<@", mrkdwn, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", mrkdwn, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HugeEventWithLinksAndButtons_HoldsEveryBlockKitLimit()
    {
        var huge = string.Concat(Enumerable.Repeat("<&>é\U0001F600", 5000));
        var alert = Samples.Alert($$"""
            {"userIdentity":{"type":"IAMUser","userName":"{{huge}}","arn":"arn:aws:iam::111122223333:user/eve"},"eventName":"ConsoleLogin",
             "userAgent":"{{huge}}","sourceIPAddress":"{{huge}}","responseElements":{"ConsoleLogin":"Success"},"eventID":"e-1","awsRegion":"{{huge}}"}
            """);
        var token = "v1." + new string('a', 1996);

        var json = Write(alert, new ResponseLinks("https://abc123.lambda-url.eu-west-1.on.aws/?t=" + token, Expires, token));

        BlockKit.AssertValid(json);
        using var payload = JsonDocument.Parse(json);
        Assert.Contains(Blocks(payload), b => b.GetProperty("type").GetString() == "actions");
    }

    [Fact]
    public void ResponseLinks_ToString_NamesNoToken()
    {
        var shown = new ResponseLinks(Page, Expires, Token).ToString();

        Assert.DoesNotContain(Token, shown, StringComparison.Ordinal);
        Assert.Contains("Buttons = yes", shown, StringComparison.Ordinal);
    }
}
