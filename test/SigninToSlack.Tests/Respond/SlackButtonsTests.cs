using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using SigninToSlack.Aws;
using SigninToSlack.Configuration;
using SigninToSlack.Delivery;
using SigninToSlack.Respond;
using SigninToSlack.Secrets;
using SigninToSlack.Tests.Support;
using SigninToSlack.Tokens;
using ContainmentService = SigninToSlack.Containment.Containment;

namespace SigninToSlack.Tests.Respond;

/// <summary>
/// The alert's Slack buttons end to end: Slack's signed interactivity request into the Respond function, containment on
/// the shared moto_server (request authentication on), answers to a response_url and the admins' webhook on a Slack
/// stand-in, and the hand-off to an asynchronous invocation through a loopback Lambda Invoke stand-in.
/// </summary>
[Collection(MotoServer.Collection)]
public sealed class SlackButtonsTests(MotoServer moto) : IAsyncLifetime
{
    private const string Account = "123456789012";
    private const string LinkKey = "a link key of at least thirty-two characters";
    private const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Person = "U0ALICE01";
    private const string Admin = "U0ADMIN01";
    private const string Stranger = "U0MALLORY";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly HttpClient _http = new();
    private readonly MemoryTokenLedger _ledger = new();
    private readonly List<string> _log = [];
    private SlackStandIn _slack = null!;

    public async Task InitializeAsync() => _slack = await SlackStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        _http.Dispose();
    }

    private MotoIam Iam => new(moto.Endpoint, _http, SecretsEnvironment.ForMoto(moto.Endpoint));

    private Uri ResponseUrl => new(_slack.WebhookUrl, "/actions/T000/1234/RESPONSEURLSECRET");

    private RespondHandler Handler(IDeferral? deferral = null, bool signing = true)
    {
        var hosts = SlackHosts.Read(name => name == SlackHosts.Variable ? "127.0.0.1" : null);
        var retries = new SlackRetryOptions { MaxRetries = 0 };
        return new RespondHandler(
            new PlainSecret<string>(LinkKey),
            new ContainmentService(Iam.Client(), Account, new HashSet<string>(StringComparer.Ordinal), _clock),
            _ledger,
            Account,
            _clock,
            _log.Add,
            new RespondOptions
            {
                SigningSecret = signing ? new PlainSecret<string>(SigningSecret) : null,
                Admins = new HashSet<string>([Admin], StringComparer.Ordinal),
                Hosts = hosts,
                ReplyTo = url => new SlackWebhookClient(_http, new PlainSecret<Uri>(url), retries, TimeProvider.System, "Slack response_url"),
                AdminChannel = new SlackWebhookClient(_http, new PlainSecret<Uri>(_slack.WebhookUrl), retries, TimeProvider.System, "admins"),
                Deferral = deferral,
                RespondUrl = new Uri("https://abc123.lambda-url.eu-west-1.on.aws/"),
            });
    }

    private string Token(string arn, TokenPurpose purpose = TokenPurpose.Contain, string? member = Person, IReadOnlyList<string>? keys = null) =>
        TokenCodec.Mint(new ResponseToken(purpose, Account, arn, "6f1e2d3c-0000-4000-8000-000000000001", _clock.GetUtcNow().AddMinutes(30), keys ?? [], member), Encoding.UTF8.GetBytes(LinkKey));

    private async Task<(string Arn, string Key)> UserAsync()
    {
        var name = "b" + Guid.NewGuid().ToString("N")[..12];
        await Iam.SetupAsync(new() { ["Action"] = "CreateUser", ["UserName"] = name });
        var key = MotoIam.Text(await Iam.SetupAsync(new() { ["Action"] = "CreateAccessKey", ["UserName"] = name }), "AccessKeyId");
        return ($"arn:aws:iam::{Account}:user/{name}", key);
    }

    private static string Name(string arn) => arn[(arn.LastIndexOf('/') + 1)..];

    private async Task<bool> ContainedAsync(string arn, string key) =>
        await Iam.UserPolicyAsync(Name(arn), ContainmentService.PolicyName) is not null
        && !(await Iam.Client().ListAccessKeysAsync(Name(arn), CancellationToken.None)).Single(k => k.Id == key).Active;

    /// <summary>Undone: the key is active again and only the dated deny is left (the sessions it ended stay ended).</summary>
    private async Task<bool> LetBackInAsync(string arn, string key) =>
        await Iam.UserPolicyAsync(Name(arn), ContainmentService.PolicyName) is { } policy
        && !policy.Contains("DenyEverythingWhileQuarantined", StringComparison.Ordinal) && policy.Contains("aws:TokenIssueTime", StringComparison.Ordinal)
        && (await Iam.Client().ListAccessKeysAsync(Name(arn), CancellationToken.None)).Single(k => k.Id == key).Active;

    private async Task<bool> UntouchedAsync(string arn, string key) =>
        await Iam.UserPolicyAsync(Name(arn), ContainmentService.PolicyName) is null
        && (await Iam.Client().ListAccessKeysAsync(Name(arn), CancellationToken.None)).Single(k => k.Id == key).Active;

    /// <summary>Slack's form body for one press, as Slack sends it (the message the button was on included).</summary>
    private string Body(string user, string action, string token) =>
        SlackRequests.Press(user, action, token, ResponseUrl, new JsonObject
        {
            ["text"] = "Console sign-in by alice",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["id"] = 1,
                ["color"] = "#e8a723",
                ["blocks"] = new JsonArray(
                    new JsonObject { ["type"] = "header", ["block_id"] = "h", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Console sign-in" } },
                    new JsonObject { ["type"] = "actions", ["block_id"] = SlackInteraction.ButtonsBlock, ["elements"] = new JsonArray() }),
            }),
        });

    private byte[] Request(string body, string? signature = null, string? timestamp = null, bool base64 = true) =>
        SlackRequests.FunctionUrl(body, SigningSecret, _clock.GetUtcNow(), signature, timestamp, base64);

    private static async Task<int> SendAsync(RespondHandler handler, byte[] request)
    {
        using var answer = JsonDocument.Parse(await handler.HandleAsync(request, CancellationToken.None));
        return answer.RootElement.GetProperty("statusCode").GetInt32();
    }

    /// <summary>Every string in a posted JSON document, unescaped, one per line.</summary>
    private static string Strings(string json)
    {
        var found = new List<string>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (_, v) in o)
                    {
                        Walk(v);
                    }

                    break;
                case JsonArray a:
                    foreach (var v in a)
                    {
                        Walk(v);
                    }

                    break;
                case JsonValue v when v.TryGetValue<string>(out var text):
                    found.Add(text);
                    break;
            }
        }

        Walk(JsonNode.Parse(json));
        return string.Join('\n', found);
    }

    private IReadOnlyList<SlackStandIn.Received> Replies => [.. _slack.Requests.Where(r => r.Path.StartsWith("/actions/", StringComparison.Ordinal))];

    private IReadOnlyList<SlackStandIn.Received> AdminPosts => [.. _slack.Requests.Where(r => r.Path == SlackStandIn.HookPath)];

    [Fact]
    public async Task WasntMe_ByThePerson_ContainsTellsTheAdminsWithAnUndo_AndTheAdminsUndoRestoresTheKey()
    {
        var (arn, key) = await UserAsync();

        Assert.Equal(200, await SendAsync(Handler(), Request(Body(Person, SlackInteraction.WasntMe, Token(arn)))));

        Assert.True(await ContainedAsync(arn, key));
        var answered = JsonNode.Parse(Assert.Single(Replies).Body)!;
        Assert.True(answered["replace_original"]!.GetValue<bool>());
        var blocks = answered["attachments"]![0]!["blocks"]!.AsArray();
        Assert.DoesNotContain(blocks, b => b!["block_id"]?.GetValue<string>() == SlackInteraction.ButtonsBlock);
        Assert.Equal("header", blocks[0]!["type"]!.GetValue<string>());
        var status = blocks[^1]!["elements"]![0]!["elements"]!.AsArray();
        Assert.Equal(Person, status[0]!["user_id"]!.GetValue<string>());
        Assert.StartsWith(": that wasn't me: contained at ", status[1]!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var notice = JsonNode.Parse(Assert.Single(AdminPosts).Body)!;
        Assert.Equal("Sign-in reported as not theirs: contained", notice["text"]!.GetValue<string>());
        var undoButton = notice["attachments"]![0]!["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!;
        Assert.Equal(SlackInteraction.Undo, undoButton["action_id"]!.GetValue<string>());
        var undoToken = undoButton["value"]!.GetValue<string>();
        Assert.Equal(TokenProblem.None, TokenCodec.Verify(undoToken, Encoding.UTF8.GetBytes(LinkKey), TokenPurpose.Undo, Account, _clock.GetUtcNow().AddHours(23), out var undo));
        Assert.Equal([key], undo!.Keys);
        Assert.NotNull(undo.ContainedAt);

        // With the Slack app the undo is the admins-only button: no link that anyone in the channel could open.
        Assert.DoesNotContain("?t=", Strings(notice.ToJsonString()), StringComparison.Ordinal);

        // The person may not undo; an admin may.
        Assert.Equal(200, await SendAsync(Handler(), Request(Body(Person, SlackInteraction.Undo, undoToken))));
        Assert.True(await ContainedAsync(arn, key));
        Assert.Equal("ephemeral", JsonNode.Parse(Replies[^1].Body)!["response_type"]!.GetValue<string>());

        Assert.Equal(200, await SendAsync(Handler(), Request(Body(Admin, SlackInteraction.Undo, undoToken))));
        Assert.True(await LetBackInAsync(arn, key));
        Assert.Contains(": undone at ", Strings(Replies[^1].Body), StringComparison.Ordinal);
        Assert.Equal("Containment undone", JsonNode.Parse(AdminPosts[^1].Body)!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task WasntMe_BySomeoneElse_GetsAnEphemeralRefusal_AndNothingChanges()
    {
        var (arn, key) = await UserAsync();

        Assert.Equal(200, await SendAsync(Handler(), Request(Body(Stranger, SlackInteraction.WasntMe, Token(arn)))));

        Assert.True(await UntouchedAsync(arn, key));
        var reply = JsonNode.Parse(Assert.Single(Replies).Body)!;
        Assert.Equal("ephemeral", reply["response_type"]!.GetValue<string>());
        Assert.False(reply["replace_original"]!.GetValue<bool>());
        Assert.Empty(AdminPosts);
        Assert.Equal(0, _ledger.Offers);
    }

    [Fact]
    public async Task WasntMe_ByAnAdmin_OfAnAlertWithoutAPerson_Contains()
    {
        var (arn, key) = await UserAsync();

        Assert.Equal(200, await SendAsync(Handler(), Request(Body(Admin, SlackInteraction.WasntMe, Token(arn, member: null)), base64: false)));

        Assert.True(await ContainedAsync(arn, key));
    }

    [Fact]
    public async Task WasMe_IsRecordedAndShownOnce_AndContainsNothing()
    {
        var (arn, key) = await UserAsync();
        var token = Token(arn);

        Assert.Equal(200, await SendAsync(Handler(), Request(Body(Person, SlackInteraction.WasMe, token))));
        Assert.Equal(200, await SendAsync(Handler(), Request(Body(Person, SlackInteraction.WasMe, token))));

        Assert.True(await UntouchedAsync(arn, key));
        Assert.Contains(": that was me (", Strings(Replies[0].Body), StringComparison.Ordinal);
        Assert.Contains(JsonNode.Parse(Replies[0].Body)!["attachments"]![0]!["blocks"]!.AsArray(), b => b!["block_id"]?.GetValue<string>() == SlackInteraction.ButtonsBlock);
        Assert.Equal("ephemeral", JsonNode.Parse(Replies[1].Body)!["response_type"]!.GetValue<string>());
        Assert.Empty(AdminPosts);

        // "That was me" does not use up "that wasn't me".
        Assert.Equal(200, await SendAsync(Handler(), Request(Body(Person, SlackInteraction.WasntMe, token))));
        Assert.True(await ContainedAsync(arn, key));
    }

    [Theory]
    [InlineData("one byte")]
    [InlineData("stale")]
    [InlineData("missing")]
    [InlineData("no secret configured")]
    public async Task NotSignedBySlackNow_IsRefusedBeforeAnythingIsRead(string how)
    {
        var (arn, key) = await UserAsync();
        var body = Body(Person, SlackInteraction.WasntMe, Token(arn));
        var ts = _clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var good = SlackSignature.Compute(Encoding.UTF8.GetBytes(SigningSecret), ts, Encoding.UTF8.GetBytes(body));
        var request = how switch
        {
            "one byte" => Request(body, signature: good[..^1] + (good[^1] == '0' ? '1' : '0'), timestamp: ts),
            "stale" => Request(body, timestamp: _clock.GetUtcNow().AddMinutes(-6).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            "missing" => Request(body, signature: string.Empty),
            _ => Request(body),
        };

        var status = await SendAsync(Handler(signing: how != "no secret configured"), request);

        Assert.Equal(how == "no secret configured" ? 403 : 401, status);
        Assert.True(await UntouchedAsync(arn, key));
        Assert.Empty(_slack.Requests);
        Assert.Equal(0, _ledger.Offers);
        Assert.DoesNotContain(_log, line => line.Contains(SigningSecret, StringComparison.Ordinal) || line.Contains(LinkKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TamperedToken_InAButton_IsRefusedEphemerally()
    {
        var (arn, key) = await UserAsync();
        var token = Token(arn);
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        Assert.Equal(200, await SendAsync(Handler(), Request(Body(Person, SlackInteraction.WasntMe, tampered))));

        Assert.True(await UntouchedAsync(arn, key));
        Assert.Contains("not made by this function", Strings(Assert.Single(Replies).Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WasntMe_IsHandedToAnAsynchronousInvocation_SignedForLambda_WhichChecksSlackAgainAndContains()
    {
        var (arn, key) = await UserAsync();
        var invocations = new List<(string Path, string? Type, string Authorization, byte[] Body)>();
        await using var lambda = await LoopbackServer.StartAsync(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            lock (invocations)
            {
                invocations.Add((context.Request.Path, context.Request.Headers["x-amz-invocation-type"], context.Request.Headers.Authorization.ToString(), buffer.ToArray()));
            }

            context.Response.StatusCode = 202;
        });
        var env = SecretsEnvironment.ForMoto(lambda.BaseAddress);
        var deferral = new LambdaDeferral(new LambdaInvoker(new AwsJsonClient(_http, TimeProvider.System), new AwsEnvironment(env.GetValueOrDefault)), "signin-respond");

        Assert.Equal(200, await SendAsync(Handler(deferral), Request(Body(Person, SlackInteraction.WasntMe, Token(arn)))));

        Assert.True(await UntouchedAsync(arn, key));
        var invocation = Assert.Single(invocations);
        Assert.Equal("/2015-03-31/functions/signin-respond/invocations", invocation.Path);
        Assert.Equal("Event", invocation.Type);
        Assert.Matches(@"^AWS4-HMAC-SHA256 Credential=testing/\d{8}/us-east-1/lambda/aws4_request, SignedHeaders=[a-z;-]*x-amz-invocation-type", invocation.Authorization);

        // Lambda runs the queued event; a copy with its body changed is refused there.
        var changed = JsonNode.Parse(invocation.Body)!;
        changed["body"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Body(Admin, SlackInteraction.WasntMe, Token(arn))));
        await Assert.ThrowsAsync<DeferredActionRefusedException>(() => Handler().HandleAsync(Encoding.UTF8.GetBytes(changed.ToJsonString()), CancellationToken.None));
        Assert.True(await UntouchedAsync(arn, key));

        await Handler().HandleAsync(invocation.Body, CancellationToken.None);
        Assert.True(await ContainedAsync(arn, key));
        Assert.Contains("that wasn't me: contained at", Strings(Assert.Single(Replies).Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandOffFails_TheWorkIsDoneAtOnce()
    {
        var (arn, key) = await UserAsync();
        await using var lambda = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 403;
            return context.Response.WriteAsync("{\"__type\":\"AccessDeniedException\"}");
        });
        var env = SecretsEnvironment.ForMoto(lambda.BaseAddress);
        var deferral = new LambdaDeferral(new LambdaInvoker(new AwsJsonClient(_http, TimeProvider.System), new AwsEnvironment(env.GetValueOrDefault)), "signin-respond");

        Assert.Equal(200, await SendAsync(Handler(deferral), Request(Body(Person, SlackInteraction.WasntMe, Token(arn)))));

        Assert.True(await ContainedAsync(arn, key));
        Assert.Contains(_log, line => line.Contains("Lambda Invoke answered 403 (AccessDeniedException)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PageLinkUsedFirst_TheButtonIsRefusedAsAlreadyAnswered()
    {
        var (arn, key) = await UserAsync();
        var token = Token(arn);
        var page = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["version"] = "2.0",
            ["rawQueryString"] = string.Empty,
            ["headers"] = new JsonObject { ["content-type"] = "application/x-www-form-urlencoded" },
            ["requestContext"] = new JsonObject { ["http"] = new JsonObject { ["method"] = "POST" } },
            ["body"] = $"action={RespondHandler.ContainAction}&token={Uri.EscapeDataString(token)}",
            ["isBase64Encoded"] = false,
        }.ToJsonString());

        Assert.Equal(200, await SendAsync(Handler(), page));
        Assert.True(await ContainedAsync(arn, key));
        Assert.Equal("Sign-in reported as not theirs: contained", JsonNode.Parse(Assert.Single(AdminPosts).Body)!["text"]!.GetValue<string>());
        Assert.Contains("Someone with the alert's link", Strings(AdminPosts[0].Body), StringComparison.Ordinal);

        Assert.Equal(200, await SendAsync(Handler(), Request(Body(Person, SlackInteraction.WasntMe, token))));
        Assert.Contains("already answered", Strings(Assert.Single(Replies).Body), StringComparison.Ordinal);
        Assert.Single(AdminPosts);
    }

    [Fact]
    public async Task ResponseUrlOnAnotherHost_IsNeverPosted()
    {
        var (arn, key) = await UserAsync();
        var body = Body(Person, SlackInteraction.WasntMe, Token(arn)).Replace(Uri.EscapeDataString(ResponseUrl.AbsoluteUri), Uri.EscapeDataString("https://attacker.example/x"), StringComparison.Ordinal);

        Assert.Equal(200, await SendAsync(Handler(), Request(body)));

        Assert.True(await UntouchedAsync(arn, key));
        Assert.Empty(_slack.Requests);
        Assert.Contains(_log, line => line.Contains("response_url is not on Slack's hosts", StringComparison.Ordinal));
    }
}
