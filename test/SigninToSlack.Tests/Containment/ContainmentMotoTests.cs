using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using SigninToSlack.Iam;
using SigninToSlack.Tests.Support;
using ContainmentService = SigninToSlack.Containment.Containment;
using SigninToSlack.Containment;

namespace SigninToSlack.Tests.Containment;

/// <summary>
/// Containment and undo against a moto_server of this class's own with request authentication on: the first
/// <see cref="SetupCalls"/> requests (the responder, the principals and their keys and tags) go through
/// unauthenticated; from then on every IAM call is signed with the responder's keys and checked by moto.
/// </summary>
public sealed class ContainmentMotoTests : IAsyncLifetime
{
    private const int SetupCalls = 13;
    private const string Account = "123456789012";
    private const string AllowIam = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}""";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 12, 4, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private MotoServer? _moto;
    private MotoIam _iam = null!;
    private string _aliceActiveKey = null!;
    private string _aliceInactiveKey = null!;
    private string _bobKey = null!;

    public async Task InitializeAsync()
    {
        _moto = await MotoServer.StartOwnAsync(new Dictionary<string, string> { ["INITIAL_NO_AUTH_ACTION_COUNT"] = SetupCalls.ToString(CultureInfo.InvariantCulture) });
        _iam = new MotoIam(_moto.Endpoint, _http, []);
        await SetupAsync(new() { ["Action"] = "CreateUser", ["UserName"] = "responder" });
        var key = await SetupAsync(new() { ["Action"] = "CreateAccessKey", ["UserName"] = "responder" });
        await SetupAsync(new() { ["Action"] = "PutUserPolicy", ["UserName"] = "responder", ["PolicyName"] = "contain", ["PolicyDocument"] = AllowIam });
        _iam = new MotoIam(_moto.Endpoint, _http, SecretsEnvironment.ForMoto(_moto.Endpoint, Text(key, "AccessKeyId"), Text(key, "SecretAccessKey")));

        await SetupAsync(new() { ["Action"] = "CreateUser", ["UserName"] = "alice" });
        _aliceActiveKey = Text(await SetupAsync(new() { ["Action"] = "CreateAccessKey", ["UserName"] = "alice" }), "AccessKeyId");
        _aliceInactiveKey = Text(await SetupAsync(new() { ["Action"] = "CreateAccessKey", ["UserName"] = "alice" }), "AccessKeyId");
        await SetupAsync(new() { ["Action"] = "UpdateAccessKey", ["UserName"] = "alice", ["AccessKeyId"] = _aliceInactiveKey, ["Status"] = "Inactive" });
        await SetupAsync(new() { ["Action"] = "CreateUser", ["UserName"] = "bob", ["Tags.member.1.Key"] = ContainmentService.ProtectedTag, ["Tags.member.1.Value"] = "true" });
        _bobKey = Text(await SetupAsync(new() { ["Action"] = "CreateAccessKey", ["UserName"] = "bob" }), "AccessKeyId");
        await SetupAsync(new() { ["Action"] = "CreateRole", ["RoleName"] = "ops", ["AssumeRolePolicyDocument"] = TrustAccount });
        await SetupAsync(new()
        {
            ["Action"] = "CreateRole",
            ["RoleName"] = "guarded",
            ["AssumeRolePolicyDocument"] = TrustAccount,
            ["Tags.member.1.Key"] = ContainmentService.ProtectedTag,
            ["Tags.member.1.Value"] = string.Empty,
        });
        await SetupAsync(new()
        {
            ["Action"] = "CreateRole",
            ["RoleName"] = "AWSReservedSSO_Admin_Access_0123456789abcdef",
            ["Path"] = "/aws-reserved/sso.amazonaws.com/",
            ["AssumeRolePolicyDocument"] = TrustAccount,
        });
        await SetupAsync(new() { ["Action"] = "CreateRole", ["RoleName"] = "AWSReservedSSO_Lookalike_0123456789abcdef", ["AssumeRolePolicyDocument"] = TrustAccount });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
            _moto.Dispose();
        }
    }

    private static string TrustAccount => $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:root"},"Action":"sts:AssumeRole"}]}""";

    private IamClient Iam(Dictionary<string, string?>? environment = null) => _iam.Client(environment);

    private ContainmentService Containment(params string[] own) => new(Iam(), Account, new HashSet<string>(own, StringComparer.Ordinal), _clock);

    [Fact]
    public async Task IamUser_ContainedThenUndone_DeniesAndDeactivatesThenRestoresExactlyTheActiveKeys()
    {
        var alice = ContainmentTarget.Parse($"arn:aws:iam::{Account}:user/team/alice")!;

        var contained = await Containment().ContainAsync(alice, CancellationToken.None);
        var keysWhileContained = await Iam().ListAccessKeysAsync("alice", CancellationToken.None);
        var policy = await UserPolicyAsync("alice");
        var undone = await Containment().UndoAsync(alice, contained.Keys, CancellationToken.None, contained.At);
        var policyAfterUndo = await UserPolicyAsync("alice");
        var keysAfterUndo = await Iam().ListAccessKeysAsync("alice", CancellationToken.None);

        Assert.Equal(ContainmentOutcome.Done, contained.Outcome);
        Assert.Null(contained.Problem);
        Assert.Equal([_aliceActiveKey], contained.Keys);
        Assert.All(keysWhileContained, k => Assert.False(k.Active));
        Assert.Equal(2, keysWhileContained.Count);
        Assert.NotNull(policy);
        Assert.Contains("\"aws:TokenIssueTime\":\"2026-12-02T12:04:00Z\"", policy, StringComparison.Ordinal);
        Assert.Contains("12:04 UTC", contained.Summary, StringComparison.Ordinal);
        Assert.Equal(ContainmentOutcome.Done, undone.Outcome);

        // Let back in, but the sessions the containment ended (the intruder's) stay ended.
        Assert.NotNull(policyAfterUndo);
        Assert.DoesNotContain("DenyEverythingWhileQuarantined", policyAfterUndo, StringComparison.Ordinal);
        Assert.Contains("\"DateLessThan\":{\"aws:TokenIssueTime\":\"2026-12-02T12:04:00Z\"}", policyAfterUndo, StringComparison.Ordinal);
        Assert.Contains("stay ended", undone.Summary, StringComparison.Ordinal);
        Assert.True(keysAfterUndo.Single(k => k.Id == _aliceActiveKey).Active);
        Assert.False(keysAfterUndo.Single(k => k.Id == _aliceInactiveKey).Active);
    }

    [Fact]
    public async Task AssumedRole_Contained_PutsTheRevokeOlderSessionsDeny_WhichAnUndoKeeps()
    {
        var ops = ContainmentTarget.Parse($"arn:aws:sts::{Account}:assumed-role/ops/alice@example.com")!;

        var contained = await Containment().ContainAsync(ops, CancellationToken.None);
        var policy = await RolePolicyAsync("ops");
        var undone = await Containment().UndoAsync(ops, [], CancellationToken.None);

        Assert.Equal(ContainmentOutcome.Done, contained.Outcome);
        Assert.NotNull(policy);
        Assert.Contains("\"DateLessThan\":{\"aws:TokenIssueTime\":\"2026-12-02T12:04:00Z\"}", policy, StringComparison.Ordinal);
        Assert.Contains("every current session", contained.Summary, StringComparison.Ordinal);
        Assert.Equal(ContainmentOutcome.NeedsAction, undone.Outcome);
        Assert.Equal(policy, await RolePolicyAsync("ops"));
        Assert.Contains("nothing to undo", undone.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProtectedPrincipals_AreRefusedAndUntouched()
    {
        var bob = ContainmentTarget.Parse($"arn:aws:iam::{Account}:user/bob")!;
        var guarded = ContainmentTarget.Parse($"arn:aws:sts::{Account}:assumed-role/guarded/s")!;
        var own = ContainmentTarget.Parse($"arn:aws:sts::{Account}:assumed-role/ops/s")!;
        var root = ContainmentTarget.Parse($"arn:aws:iam::{Account}:root")!;
        var elsewhere = ContainmentTarget.Parse("arn:aws:iam::210987654321:user/alice")!;

        var results = new[]
        {
            await Containment().ContainAsync(bob, CancellationToken.None),
            await Containment().ContainAsync(guarded, CancellationToken.None),
            await Containment("ops").ContainAsync(own, CancellationToken.None),
            await Containment().ContainAsync(root, CancellationToken.None),
            await Containment().ContainAsync(elsewhere, CancellationToken.None),
        };

        Assert.All(results, r => Assert.Equal(ContainmentOutcome.Refused, r.Outcome));
        Assert.All(results, r => Assert.Empty(r.Keys));
        Assert.Contains(ContainmentService.ProtectedTag, results[0].Summary, StringComparison.Ordinal);
        Assert.Null(await UserPolicyAsync("bob"));
        Assert.True((await Iam().ListAccessKeysAsync("bob", CancellationToken.None)).Single(k => k.Id == _bobKey).Active);
        Assert.Null(await RolePolicyAsync("guarded"));
        Assert.Null(await RolePolicyAsync("ops"));
    }

    [Fact]
    public async Task IdentityCenterRole_NeedsActionAndChangesNothing()
    {
        var sso = ContainmentTarget.Parse($"arn:aws:sts::{Account}:assumed-role/AWSReservedSSO_Admin_Access_0123456789abcdef/alice@example.com")!;

        var result = await Containment().ContainAsync(sso, CancellationToken.None);

        Assert.Equal(ContainmentOutcome.NeedsAction, result.Outcome);
        Assert.Equal("Admin_Access", sso.PermissionSet);
        Assert.Contains("alice@example.com", result.Summary, StringComparison.Ordinal);
        Assert.Contains(ContainmentService.IdentityCenterGuide, result.Summary, StringComparison.Ordinal);
        Assert.Null(await RolePolicyAsync("AWSReservedSSO_Admin_Access_0123456789abcdef"));
    }

    [Fact]
    public async Task RoleNamedLikeIdentityCenterOutsideItsPath_IsContainedAsARole()
    {
        var lookalike = ContainmentTarget.Parse($"arn:aws:sts::{Account}:assumed-role/AWSReservedSSO_Lookalike_0123456789abcdef/mallory")!;

        var result = await Containment().ContainAsync(lookalike, CancellationToken.None);
        var policy = await RolePolicyAsync("AWSReservedSSO_Lookalike_0123456789abcdef");
        var undone = await Containment().UndoAsync(lookalike, [], CancellationToken.None);

        Assert.Equal(TargetKind.IdentityCenter, lookalike.Kind);
        Assert.Equal((ContainmentOutcome.Done, TargetKind.Role), (result.Outcome, result.Target.Kind));
        Assert.Contains("aws:TokenIssueTime", policy, StringComparison.Ordinal);
        Assert.Equal(ContainmentOutcome.NeedsAction, undone.Outcome);
        Assert.NotNull(await RolePolicyAsync("AWSReservedSSO_Lookalike_0123456789abcdef"));
    }

    [Fact]
    public async Task IamCall_WithWrongSecretKey_IsRefusedByMotoAsOneLineFault()
    {
        var wrong = new Dictionary<string, string?>(_iam.Environment) { ["AWS_SECRET_ACCESS_KEY"] = "wrong-secret-key" };

        var fault = await Assert.ThrowsAsync<IamException>(() => Iam(wrong).ListAccessKeysAsync("alice", CancellationToken.None));

        Assert.Equal("SignatureDoesNotMatch", fault.Code);
        Assert.DoesNotContain('\n', fault.Message);
        Assert.DoesNotContain("wrong-secret-key", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IamCall_OnMissingUser_MapsNoSuchEntity()
    {
        var fault = await Assert.ThrowsAsync<IamException>(() => Iam().ListUserTagsAsync("nobody", CancellationToken.None));

        Assert.Equal("NoSuchEntity", fault.Code);
        Assert.StartsWith("IAM ListUserTags failed: NoSuchEntity", fault.Message, StringComparison.Ordinal);
    }

    private Task<string?> UserPolicyAsync(string user) => _iam.UserPolicyAsync(user, ContainmentService.PolicyName);

    private Task<string?> RolePolicyAsync(string role) => _iam.RolePolicyAsync(role, ContainmentService.PolicyName);

    private Task<XDocument> SetupAsync(Dictionary<string, string> form) => _iam.SetupAsync(form);

    private static string Text(XDocument document, string element) => MotoIam.Text(document, element);
}
