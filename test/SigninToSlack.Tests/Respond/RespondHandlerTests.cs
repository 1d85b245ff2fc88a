using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SigninToSlack.Respond;
using SigninToSlack.Tokens;
using SigninToSlack.Secrets;
using SigninToSlack.Tests.Support;
using ContainmentService = SigninToSlack.Containment.Containment;

namespace SigninToSlack.Tests.Respond;

/// <summary>The Respond function's pages and actions, on the shared moto_server; each test has its own IAM user.</summary>
[Collection(MotoServer.Collection)]
public sealed class RespondHandlerTests(MotoServer moto) : IDisposable
{
    private const string Account = "123456789012";
    private const string LinkKey = "a link key of at least thirty-two characters";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 12, 4, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private readonly MemoryTokenLedger _ledger = new();
    private readonly List<string> _log = [];

    public void Dispose() => _http.Dispose();

    private MotoIam Iam => new(moto.Endpoint, _http, SecretsEnvironment.ForMoto(moto.Endpoint));

    private RespondHandler Handler(string account = Account, params string[] own) =>
        new(new PlainSecret<string>(LinkKey), new ContainmentService(Iam.Client(), account, new HashSet<string>(own, StringComparer.Ordinal), _clock), _ledger, account, _clock, _log.Add);

    private string Token(string arn, TokenPurpose purpose = TokenPurpose.Contain, TimeSpan? ttl = null, string account = Account, IReadOnlyList<string>? keys = null) =>
        TokenCodec.Mint(new ResponseToken(purpose, account, arn, "6f1e2d3c-0000-4000-8000-000000000001", _clock.GetUtcNow() + (ttl ?? TimeSpan.FromMinutes(30)), keys ?? []), Encoding.UTF8.GetBytes(LinkKey));

    /// <summary>A user with one active key; returns its ARN and key ID.</summary>
    private async Task<(string Arn, string Key)> UserAsync(string tag = "")
    {
        var name = "u" + Guid.NewGuid().ToString("N")[..12];
        var form = new Dictionary<string, string> { ["Action"] = "CreateUser", ["UserName"] = name };
        if (tag.Length > 0)
        {
            form["Tags.member.1.Key"] = tag;
            form["Tags.member.1.Value"] = "yes";
        }

        await Iam.SetupAsync(form);
        var key = MotoIam.Text(await Iam.SetupAsync(new() { ["Action"] = "CreateAccessKey", ["UserName"] = name }), "AccessKeyId");
        return ($"arn:aws:iam::{Account}:user/{name}", key);
    }

    private static string Name(string arn) => arn[(arn.LastIndexOf('/') + 1)..];

    private async Task<bool> UntouchedAsync(string arn, string key) =>
        await Iam.UserPolicyAsync(Name(arn), ContainmentService.PolicyName) is null
        && (await Iam.Client().ListAccessKeysAsync(Name(arn), CancellationToken.None)).Single(k => k.Id == key).Active;

    private static byte[] Get(string? token) => Request("GET", token is null ? string.Empty : "t=" + token, null, false);

    private static byte[] Post(string action, string token, bool base64 = false)
    {
        var body = $"action={action}&token={Uri.EscapeDataString(token)}";
        return Request("POST", string.Empty, base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body, base64);
    }

    private static byte[] Request(string method, string query, string? body, bool base64) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["version"] = "2.0",
        ["rawPath"] = "/",
        ["rawQueryString"] = query,
        ["headers"] = new JsonObject { ["content-type"] = "application/x-www-form-urlencoded" },
        ["requestContext"] = new JsonObject { ["accountId"] = "anonymous", ["http"] = new JsonObject { ["method"] = method } },
        ["body"] = body,
        ["isBase64Encoded"] = base64,
    }.ToJsonString());

    private static async Task<(int Status, JsonElement Headers, string Body)> SendAsync(RespondHandler handler, byte[] request)
    {
        using var answer = JsonDocument.Parse(await handler.HandleAsync(request, CancellationToken.None));
        var root = answer.RootElement;
        return (root.GetProperty("statusCode").GetInt32(), root.GetProperty("headers").Clone(), root.GetProperty("body").GetString()!);
    }

    [Fact]
    public async Task Get_ShowsConfirmationFormWithSafeHeaders_AndChangesNothing()
    {
        var (arn, key) = await UserAsync();
        var token = Token(arn);

        var (status, headers, body) = await SendAsync(Handler(), Get(token));

        Assert.Equal(200, status);
        Assert.Contains("<form method=\"post\">", body, StringComparison.Ordinal);
        Assert.Contains($"name=\"token\" value=\"{token}\"", body, StringComparison.Ordinal);
        Assert.Contains(Name(arn), body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("no-store", headers.GetProperty("cache-control").GetString());
        Assert.Equal("DENY", headers.GetProperty("x-frame-options").GetString());
        Assert.Contains("frame-ancestors 'none'", headers.GetProperty("content-security-policy").GetString(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", headers.GetProperty("referrer-policy").GetString());
        Assert.Equal(0, _ledger.Offers);
        Assert.True(await UntouchedAsync(arn, key));
    }

    [Fact]
    public async Task Get_OfHostilePrincipal_IsHtmlEncoded()
    {
        var (status, _, body) = await SendAsync(Handler(), Get(Token($"arn:aws:sts::{Account}:federated-user/<b>\"x\"&</b>")));

        Assert.Equal(200, status);
        Assert.Contains("&lt;b&gt;&quot;x&quot;&amp;&lt;/b&gt;", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_StateTableCannotBeAsked_ChangesNothingAndAsksToPressAgain()
    {
        var (arn, key) = await UserAsync();
        var missing = new ClaimTokenLedger(new SigninToSlack.State.DynamoClaimStore(
            new SigninToSlack.Aws.AwsJsonClient(_http, _clock), new SigninToSlack.Aws.AwsEnvironment(SecretsEnvironment.ForMoto(moto.Endpoint).GetValueOrDefault),
            new SigninToSlack.Configuration.StateTable("no-such-table-" + Guid.NewGuid().ToString("N")[..8]), TimeProvider.System));
        var handler = new RespondHandler(
            new PlainSecret<string>(LinkKey), new ContainmentService(Iam.Client(), Account, new HashSet<string>(StringComparer.Ordinal), _clock), missing, Account, _clock, _log.Add);

        var answer = await SendAsync(handler, Post(RespondHandler.ContainAction, Token(arn)));

        Assert.Equal(503, answer.Status);
        Assert.Contains("Nothing was changed", answer.Body, StringComparison.Ordinal);
        Assert.True(await UntouchedAsync(arn, key));
        Assert.Contains(_log, line => line.Contains("state table could not be asked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_Contains_ThenTheSameTokenAgainIsRefusedAsReused()
    {
        var (arn, key) = await UserAsync();
        var token = Token(arn);

        var first = await SendAsync(Handler(), Post(RespondHandler.ContainAction, token, base64: true));
        var keys = await Iam.Client().ListAccessKeysAsync(Name(arn), CancellationToken.None);
        var second = await SendAsync(Handler(), Post(RespondHandler.ContainAction, token));

        Assert.Equal(200, first.Status);
        Assert.Contains("Contained at 2026-12-02 12:04 UTC", first.Body, StringComparison.Ordinal);
        Assert.NotNull(await Iam.UserPolicyAsync(Name(arn), ContainmentService.PolicyName));
        Assert.False(keys.Single(k => k.Id == key).Active);
        Assert.Equal(409, second.Status);
        Assert.Contains(_log, line => line.Contains("refused a Reused token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_UndoToken_RemovesPolicyAndReactivatesTheRecordedKey()
    {
        var (arn, key) = await UserAsync();
        await SendAsync(Handler(), Post(RespondHandler.ContainAction, Token(arn)));

        var (status, _, _) = await SendAsync(Handler(), Post(RespondHandler.UndoAction, Token(arn, TokenPurpose.Undo, keys: [key])));

        Assert.Equal(200, status);
        Assert.True(await UntouchedAsync(arn, key));
    }

    [Fact]
    public async Task BadTokens_GetTheirOwn4xx_AndChangeNothing()
    {
        var (arn, key) = await UserAsync();
        var good = Token(arn);
        var tampered = good[..^2] + (good[^2] == 'A' ? "BA" : "AA");

        var results = new[]
        {
            (await SendAsync(Handler(), Post(RespondHandler.ContainAction, tampered))).Status,
            (await SendAsync(Handler(), Post(RespondHandler.ContainAction, Token(arn, ttl: TimeSpan.FromSeconds(-1))))).Status,
            (await SendAsync(Handler(), Post(RespondHandler.ContainAction, Token(arn.Replace(Account, "210987654321", StringComparison.Ordinal), account: "210987654321")))).Status,
            (await SendAsync(Handler(), Post(RespondHandler.UndoAction, good))).Status,
            (await SendAsync(Handler(), Get(null))).Status,
        };

        Assert.Equal([400, 410, 403, 400, 400], results);
        Assert.Equal(0, _ledger.Offers);
        Assert.True(await UntouchedAsync(arn, key));
        Assert.Equal(5, _log.Count(line => line.StartsWith("respond: refused", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Post_ForProtectedUser_ReportsAndLeavesItUntouched()
    {
        var (arn, key) = await UserAsync(ContainmentService.ProtectedTag);

        var (status, _, body) = await SendAsync(Handler(), Post(RespondHandler.ContainAction, Token(arn)));

        Assert.Equal(200, status);
        Assert.Contains("never contained", body, StringComparison.Ordinal);
        Assert.True(await UntouchedAsync(arn, key));
    }
}
