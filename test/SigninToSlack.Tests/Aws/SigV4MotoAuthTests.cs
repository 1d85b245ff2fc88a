using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SigninToSlack.Aws;
using SigninToSlack.Configuration;
using SigninToSlack.Secrets;
using SigninToSlack.State;
using SigninToSlack.Alerts;
using SigninToSlack.Events;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Aws;

/// <summary>
/// The signer against a moto_server of this class's own with request authentication on: the first
/// <see cref="SetupCalls"/> requests (the IAM user, role and keys, the parameter and the secret) go through
/// unauthenticated (and the state table), and from then on moto recomputes every signature with the caller's secret key (and checks the
/// session token) before it answers.
/// </summary>
public sealed class SigV4MotoAuthTests : IAsyncLifetime
{
    private const int SetupCalls = 9;
    private const string Table = "signin-to-slack-auth-state";
    private const string Parameter = "/signin-to-slack/auth/webhook";
    private const string Secret = "signin-to-slack-auth";
    private const string Allow = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:GetParameter","secretsmanager:GetSecretValue","dynamodb:GetItem","dynamodb:PutItem","dynamodb:UpdateItem","dynamodb:DeleteItem"],"Resource":"*"}]}""";

    private MotoServer? _moto;
    private Keys _user = null!;
    private Keys _role = null!;

    private MotoServer Moto => _moto!;

    public async Task InitializeAsync()
    {
        _moto = await MotoServer.StartOwnAsync(new Dictionary<string, string> { ["INITIAL_NO_AUTH_ACTION_COUNT"] = SetupCalls.ToString(CultureInfo.InvariantCulture) });
        using var http = new HttpClient();

        await QueryAsync(http, "iam", new() { ["Action"] = "CreateUser", ["UserName"] = "signin-to-slack" });
        var key = await QueryAsync(http, "iam", new() { ["Action"] = "CreateAccessKey", ["UserName"] = "signin-to-slack" });
        _user = new Keys(Text(key, "AccessKeyId"), Text(key, "SecretAccessKey"), null);
        await QueryAsync(http, "iam", new() { ["Action"] = "PutUserPolicy", ["UserName"] = "signin-to-slack", ["PolicyName"] = "read", ["PolicyDocument"] = Allow });
        var role = await QueryAsync(http, "iam", new()
        {
            ["Action"] = "CreateRole",
            ["RoleName"] = "signin-to-slack",
            ["AssumeRolePolicyDocument"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
        });
        await QueryAsync(http, "iam", new() { ["Action"] = "PutRolePolicy", ["RoleName"] = "signin-to-slack", ["PolicyName"] = "read", ["PolicyDocument"] = Allow });
        var session = await QueryAsync(http, "sts", new() { ["Action"] = "AssumeRole", ["RoleArn"] = Text(role, "Arn"), ["RoleSessionName"] = "signin-to-slack" });
        _role = new Keys(Text(session, "AccessKeyId"), Text(session, "SecretAccessKey"), Text(session, "SessionToken"));

        await Moto.CallAsync("ssm", "AmazonSSM.PutParameter", MotoServer.Json11, new JsonObject { ["Name"] = Parameter, ["Value"] = "https://hooks.example/AUTHPARAM", ["Type"] = "SecureString" }, CancellationToken.None);
        await Moto.CallAsync("secretsmanager", "secretsmanager.CreateSecret", MotoServer.Json11, new JsonObject { ["Name"] = Secret, ["SecretString"] = "https://hooks.example/AUTHSECRET" }, CancellationToken.None);
        await Moto.CreateStateTableAsync(Table);
    }

    public async Task DisposeAsync()
    {
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
            _moto.Dispose();
        }
    }

    private Task<string> ResolveAsync(Keys keys, string reference)
    {
        var environment = SecretsEnvironment.ForMoto(Moto.Endpoint, keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken);
        return SecretsEnvironment.ResolveAsync(SecretSources.Direct(new HttpClient(), name => environment.GetValueOrDefault(name), TimeProvider.System), reference);
    }

    [Theory]
    [InlineData("ssm:" + Parameter, "https://hooks.example/AUTHPARAM")]
    [InlineData("secretsmanager:" + Secret, "https://hooks.example/AUTHSECRET")]
    public async Task Resolve_SignedWithRoleSessionKeys_IsAcceptedAndWrongKeysAreRefused(string reference, string expected)
    {
        // Refusals first: they show that authentication is on, so the acceptance after them means something.
        var wrongSecret = await Assert.ThrowsAsync<SecretResolutionException>(() => ResolveAsync(_role with { SecretAccessKey = "wrong" + _role.SecretAccessKey[5..] }, reference));
        var wrongToken = await Assert.ThrowsAsync<SecretResolutionException>(() => ResolveAsync(_role with { SessionToken = "wrong" }, reference));
        var value = await ResolveAsync(_role, reference);

        Assert.EndsWith("could not be resolved: SignatureDoesNotMatch", wrongSecret.Message, StringComparison.Ordinal);
        Assert.EndsWith("could not be resolved: InvalidClientTokenId", wrongToken.Message, StringComparison.Ordinal);
        Assert.Equal(expected, value);
    }

    [Fact]
    public async Task Resolve_SignedWithUserKeys_IsAcceptedAndWrongSecretIsRefused()
    {
        var wrongSecret = await Assert.ThrowsAsync<SecretResolutionException>(() => ResolveAsync(_user with { SecretAccessKey = "wrong" + _user.SecretAccessKey[5..] }, "ssm:" + Parameter));
        var value = await ResolveAsync(_user, "ssm:" + Parameter);

        Assert.EndsWith("could not be resolved: SignatureDoesNotMatch", wrongSecret.Message, StringComparison.Ordinal);
        Assert.Equal("https://hooks.example/AUTHPARAM", value);
    }

    private DynamoClaimStore Claims(Keys keys)
    {
        var environment = SecretsEnvironment.ForMoto(Moto.Endpoint, keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken);
        return new DynamoClaimStore(new AwsJsonClient(new HttpClient(), TimeProvider.System), new AwsEnvironment(environment.GetValueOrDefault), new StateTable(Table), TimeProvider.System);
    }

    [Fact]
    public async Task Claims_SignedWithRoleSessionKeys_EveryOperationIsAcceptedAndWrongKeysAreRefused()
    {
        var until = DateTimeOffset.UtcNow.AddMinutes(1);
        var wrong = await Claims(_role with { SecretAccessKey = "wrong" + _role.SecretAccessKey[5..] }).ClaimAsync("delivery#auth-1#default", until, CancellationToken.None);
        var claims = Claims(_role);

        var released = await claims.ClaimAsync("delivery#auth-2#default", until, CancellationToken.None);
        await claims.ReleaseAsync(released, CancellationToken.None);
        var claim = await claims.ClaimAsync("delivery#auth-2#default", until, CancellationToken.None);
        var held = await claims.ClaimAsync("delivery#auth-2#default", until, CancellationToken.None);
        var problem = await claims.CompleteAsync(claim, CancellationToken.None);
        var done = await claims.ClaimAsync("delivery#auth-2#default", until, CancellationToken.None);

        Assert.Equal((ClaimState.Unavailable, "SignatureDoesNotMatch"), (wrong.State, wrong.Problem));
        Assert.Equal([ClaimState.Claimed, ClaimState.Claimed, ClaimState.Held, ClaimState.Done], new[] { released, claim, held, done }.Select(c => c.State));
        Assert.Equal(until.ToUnixTimeSeconds(), held.HeldUntil?.ToUnixTimeSeconds());
        Assert.Null(problem);
    }

    /// <summary>One IAM or STS call (query protocol), unsigned: only the setup calls may be.</summary>
    private async Task<XDocument> QueryAsync(HttpClient http, string signingName, Dictionary<string, string> form)
    {
        form["Version"] = signingName == "sts" ? "2011-06-15" : "2010-05-08";
        using var request = new HttpRequestMessage(HttpMethod.Post, Moto.Endpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential=testing/20260101/{MotoServer.Region}/{signingName}/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{form["Action"]}: {(int)response.StatusCode} {body}");
        return XDocument.Parse(body);
    }

    private static string Text(XDocument document, string element) =>
        document.Descendants().First(e => e.Name.LocalName == element).Value;

    private sealed record Keys(string AccessKeyId, string SecretAccessKey, string? SessionToken);
}
