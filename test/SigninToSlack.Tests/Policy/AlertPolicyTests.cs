using System.Net;
using SigninToSlack.Alerts;
using SigninToSlack.Policy;
using SigninToSlack.Configuration;
using SigninToSlack.Tests.Aws;

namespace SigninToSlack.Tests.Policy;

public sealed class AlertPolicyTests
{
    private static readonly Activity Login = new("Console sign-in", "signed in", "failed to sign in", "tried to sign in");

    private static SigninAlert Alert(
        Severity severity = Severity.Info,
        Outcome outcome = Outcome.Success,
        PrincipalKind kind = PrincipalKind.IamUser,
        string? name = "alice",
        string? role = null,
        string? arn = null,
        string? permissionSet = null,
        string eventName = "ConsoleLogin",
        string? account = "111111111111",
        string? ip = "203.0.113.7") => new()
        {
            Severity = severity,
            Principal = new Principal(kind, name, Role: role, PermissionSet: permissionSet, Arn: arn),
            Activity = Login,
            Outcome = outcome,
            Mfa = MfaStatus.Used,
            EventName = eventName,
            AccountId = account,
            SourceIp = ip,
            EventId = "evt-1",
        };

    private static SigninAlert Tamper(Severity severity = Severity.Critical, Outcome outcome = Outcome.Success) =>
        Alert(severity: severity, outcome: outcome, eventName: "StopLogging") with
        {
            Kind = AlertKind.Tamper,
            Change = TamperActions.Find("cloudtrail.amazonaws.com", "StopLogging"),
            Resource = "management-events",
        };

    [Fact]
    public void Person_TamperAlert_IsNoOne()
    {
        var policy = Policy(people: [new("user/alice", SlackPerson.Parse("U0ALICE")!)]);

        Assert.Equal("U0ALICE", policy.Person(Alert())?.Shown);
        Assert.Null(policy.Person(Tamper()));
    }

    private static IPNetwork[] Nets(params string[] cidrs) => [.. cidrs.Select(IPNetwork.Parse)];

    /// <summary>A policy from settings as the reader would produce them; unnamed settings keep their defaults.</summary>
    private static AlertPolicy Policy(
        Severity minimumSeverity = Severity.Info,
        IReadOnlyList<string>? ignoredEvents = null,
        IReadOnlyList<string>? ignoredAccounts = null,
        IReadOnlyList<string>? ignoredPrincipals = null,
        IReadOnlyList<IPNetwork>? ignoredNetworks = null,
        IpRuleScope ignoredNetworksAlso = IpRuleScope.None,
        IReadOnlyList<KeyValuePair<string, string>>? accountNames = null,
        IReadOnlyList<KnownNetwork>? knownNetworks = null,
        IReadOnlyList<KeyValuePair<string, SlackPerson>>? people = null) => new(new PolicySettings
        {
            MinimumSeverity = minimumSeverity,
            IgnoredEvents = ignoredEvents ?? PolicySettings.DefaultIgnoredEvents,
            IgnoredAccounts = ignoredAccounts ?? [],
            IgnoredPrincipals = [.. (ignoredPrincipals ?? []).Select(p => PrincipalPattern.Parse("SIGNIN_IGNORE_PRINCIPALS", p))],
            IgnoredNetworks = ignoredNetworks ?? [],
            IgnoredNetworksAlso = ignoredNetworksAlso,
            AccountNames = accountNames ?? [],
            KnownNetworks = knownNetworks ?? [],
            People = [.. (people ?? []).Select(p => new KeyValuePair<PrincipalPattern, SlackPerson>(PrincipalPattern.Parse("SLACK_PEOPLE", p.Key), p.Value))],
        });

    private static readonly AlertPolicy IgnoreOffice = Policy(ignoredNetworks: Nets("203.0.113.0/24", "2001:db8::/32"));

    /// <summary>Each case: a policy, an alert, and the rule expected to silence it (null: posted).</summary>
    private static readonly Dictionary<string, (AlertPolicy Policy, SigninAlert Alert, string? Skipped)> Cases = new()
    {
        ["default posts a console login"] = (Policy(), Alert(), null),
        ["default quiets CheckMfa"] = (Policy(), Alert(eventName: "CheckMfa"), "ignored by SIGNIN_IGNORE_EVENTS (CheckMfa)"),
        ["default posts a failed CheckMfa"] = (Policy(), Alert(eventName: "CheckMfa", outcome: Outcome.Failure, severity: Severity.High), null),
        ["no ignored events posts CheckMfa"] = (Policy(ignoredEvents: []), Alert(eventName: "CheckMfa"), null),
        ["event names match case-insensitively"] = (Policy(ignoredEvents: ["exitrole"]), Alert(eventName: "ExitRole"), "ignored by SIGNIN_IGNORE_EVENTS (exitrole)"),
        ["own event list replaces CheckMfa"] = (Policy(ignoredEvents: ["ExitRole"]), Alert(eventName: "CheckMfa"), null),
        ["info below high"] = (Policy(Severity.High), Alert(), "info is below SIGNIN_MIN_SEVERITY (high)"),
        ["high at high"] = (Policy(Severity.High), Alert(severity: Severity.High), null),
        ["high below critical"] = (Policy(Severity.Critical), Alert(severity: Severity.High), "high is below SIGNIN_MIN_SEVERITY (critical)"),
        ["critical at critical"] = (Policy(Severity.Critical), Alert(severity: Severity.Critical, kind: PrincipalKind.Root, name: null), null),
        ["ignored account"] = (Policy(ignoredAccounts: ["111111111111"]), Alert(), "ignored by SIGNIN_IGNORE_ACCOUNTS (111111111111)"),
        ["other account"] = (Policy(ignoredAccounts: ["222222222222"]), Alert(), null),
        ["ignored user"] = (Policy(ignoredPrincipals: ["user/Alice"]), Alert(), "ignored by SIGNIN_IGNORE_PRINCIPALS (user/Alice)"),
        ["ignored role, any session"] = (Policy(ignoredPrincipals: ["role/ci-deploy"]), Alert(kind: PrincipalKind.AssumedRole, name: "build-42", role: "ci-deploy"), "ignored by SIGNIN_IGNORE_PRINCIPALS (role/ci-deploy)"),
        ["ignored user ARN"] = (Policy(ignoredPrincipals: ["arn:aws:iam::111111111111:user/bob"]), Alert(name: "bob", arn: "arn:aws:iam::111111111111:user/bob"), "ignored by SIGNIN_IGNORE_PRINCIPALS (arn:aws:iam::111111111111:user/bob)"),
        ["ignored role ARN, path and all, matches its session"] = (Policy(ignoredPrincipals: ["arn:aws:iam::111111111111:role/ops/Admin"]), Alert(kind: PrincipalKind.AssumedRole, name: "x", role: "Admin", arn: "arn:aws:sts::111111111111:assumed-role/Admin/x"), "ignored by SIGNIN_IGNORE_PRINCIPALS (arn:aws:iam::111111111111:role/ops/Admin)"),
        ["role ARN of another account"] = (Policy(ignoredPrincipals: ["arn:aws:iam::222222222222:role/Admin"]), Alert(kind: PrincipalKind.AssumedRole, name: "x", role: "Admin", arn: "arn:aws:sts::111111111111:assumed-role/Admin/x"), null),
        ["ignored Identity Center user, through its SSO role"] = (Policy(ignoredPrincipals: ["sso/alice@example.com"]), Alert(kind: PrincipalKind.AssumedRole, name: "alice@example.com", role: "AWSReservedSSO_Admin_0123456789abcdef", permissionSet: "Admin"), "ignored by SIGNIN_IGNORE_PRINCIPALS (sso/alice@example.com)"),
        ["ignored Identity Center user, at the portal"] = (Policy(ignoredPrincipals: ["sso/alice@example.com"]), Alert(kind: PrincipalKind.IdentityCenterUser, name: "alice@example.com"), "ignored by SIGNIN_IGNORE_PRINCIPALS (sso/alice@example.com)"),
        ["ignored root"] = (Policy(ignoredPrincipals: ["root"]), Alert(kind: PrincipalKind.Root, name: "root", severity: Severity.Critical), "ignored by SIGNIN_IGNORE_PRINCIPALS (root)"),
        ["other principal"] = (Policy(ignoredPrincipals: ["user/bob"]), Alert(), null),
        ["user rule spares a session named like the user"] = (Policy(ignoredPrincipals: ["user/alice"]), Alert(kind: PrincipalKind.AssumedRole, name: "alice", role: "dev"), null),
        ["role rule spares a session named like the role"] = (Policy(ignoredPrincipals: ["role/Admin"]), Alert(kind: PrincipalKind.AssumedRole, name: "Admin", role: "dev"), null),
        ["sso rule spares a plain role's session of that name"] = (Policy(ignoredPrincipals: ["sso/alice"]), Alert(kind: PrincipalKind.AssumedRole, name: "alice", role: "dev"), null),
        ["user rule spares an Identity Center user of that name"] = (Policy(ignoredPrincipals: ["user/alice"]), Alert(kind: PrincipalKind.IdentityCenterUser), null),
        ["user rule spares a federated user of that name"] = (Policy(ignoredPrincipals: ["user/alice"]), Alert(kind: PrincipalKind.FederatedUser), null),
        ["principal rule never silences a failed attempt"] = (Policy(ignoredPrincipals: ["user/alice"]), Alert(outcome: Outcome.Failure, severity: Severity.High), null),
        ["ignored IPv4 range"] = (IgnoreOffice, Alert(), "ignored by SIGNIN_IGNORE_SOURCE_IPS (203.0.113.0/24)"),
        ["ignored IPv6 range"] = (IgnoreOffice, Alert(ip: "2001:db8:1::5"), "ignored by SIGNIN_IGNORE_SOURCE_IPS (2001:db8::/32)"),
        ["IPv4-mapped IPv6 address"] = (IgnoreOffice, Alert(ip: "::ffff:203.0.113.9"), "ignored by SIGNIN_IGNORE_SOURCE_IPS (203.0.113.0/24)"),
        ["address outside the ranges"] = (IgnoreOffice, Alert(ip: "198.51.100.1"), null),
        ["source that is not an address"] = (IgnoreOffice, Alert(ip: "AWS Internal"), null),
        ["IP range spares a failure"] = (IgnoreOffice, Alert(outcome: Outcome.Failure, severity: Severity.High), null),
        ["IP range spares root"] = (IgnoreOffice, Alert(kind: PrincipalKind.Root, name: null, severity: Severity.Critical), null),
        ["IP range with failures silences a failure"] = (Policy(ignoredNetworks: Nets("203.0.113.0/24"), ignoredNetworksAlso: IpRuleScope.Failures), Alert(outcome: Outcome.Failure, severity: Severity.High), "ignored by SIGNIN_IGNORE_SOURCE_IPS (203.0.113.0/24)"),
        ["IP range with failures still spares root"] = (Policy(ignoredNetworks: Nets("203.0.113.0/24"), ignoredNetworksAlso: IpRuleScope.Failures), Alert(kind: PrincipalKind.Root, name: null, severity: Severity.Critical), null),
        ["IP range with root silences root"] = (Policy(ignoredNetworks: Nets("203.0.113.0/24"), ignoredNetworksAlso: IpRuleScope.Root), Alert(kind: PrincipalKind.Root, name: null, severity: Severity.Critical), "ignored by SIGNIN_IGNORE_SOURCE_IPS (203.0.113.0/24)"),
        ["IP range with root still spares a root failure"] = (Policy(ignoredNetworks: Nets("203.0.113.0/24"), ignoredNetworksAlso: IpRuleScope.Root), Alert(kind: PrincipalKind.Root, name: null, outcome: Outcome.Failure, severity: Severity.Critical), null),
        ["IP range with both silences a root failure"] = (Policy(ignoredNetworks: Nets("203.0.113.0/24"), ignoredNetworksAlso: IpRuleScope.Root | IpRuleScope.Failures), Alert(kind: PrincipalKind.Root, name: null, outcome: Outcome.Failure, severity: Severity.Critical), "ignored by SIGNIN_IGNORE_SOURCE_IPS (203.0.113.0/24)"),
        ["tamper alert not silenced by SIGNIN_IGNORE_PRINCIPALS"] = (Policy(ignoredPrincipals: ["user/alice"]), Tamper(), null),
        ["tamper alert not silenced by SIGNIN_IGNORE_EVENTS"] = (Policy(ignoredEvents: ["StopLogging"]), Tamper(), null),
        ["tamper alert not silenced by SIGNIN_IGNORE_SOURCE_IPS"] = (Policy(ignoredNetworks: Nets("203.0.113.0/24"), ignoredNetworksAlso: IpRuleScope.Failures | IpRuleScope.Root), Tamper(), null),
        ["tamper alert silenced by SIGNIN_IGNORE_ACCOUNTS"] = (Policy(ignoredAccounts: ["111111111111"]), Tamper(), "ignored by SIGNIN_IGNORE_ACCOUNTS (111111111111)"),
        ["refused tamper alert below critical"] = (Policy(Severity.Critical), Tamper(Severity.High, Outcome.Failure), "high is below SIGNIN_MIN_SEVERITY (critical)"),
        ["anomaly alert not silenced by SIGNIN_IGNORE_PRINCIPALS"] = (Policy(ignoredPrincipals: ["user/alice"]), Alert(severity: Severity.High, outcome: Outcome.Unknown) with { Kind = AlertKind.SigninService }, null),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void SkipReason_Case_NamesTheRuleOrPosts(string name)
    {
        var (policy, alert, expected) = Cases[name];

        Assert.Equal(expected, policy.SkipReason(alert));
    }

    /// <summary>The per-event path is benchmarked: with no policy settings, the policy allocates nothing.</summary>
    [Fact]
    public void DefaultPolicy_PerEvent_AllocatesNothing()
    {
        var policy = Policy();
        var alert = Alert();
        var checkMfa = Alert(eventName: "CheckMfa");
        policy.SkipReason(alert);
        policy.SkipReason(checkMfa);
        policy.Person(alert);
        policy.WithContext(alert, null);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            policy.SkipReason(alert);
            policy.SkipReason(checkMfa);
            policy.Person(alert);
            policy.WithContext(alert, null);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void WithContext_NothingConfigured_ReturnsTheSameAlert()
    {
        var alert = Alert();

        Assert.Same(alert, Policy().WithContext(alert, null));
    }

    [Theory]
    [InlineData("203.0.113.7", "office VPN", false)]
    [InlineData("2001:db8::1", "IPv6 office", false)]
    [InlineData("198.51.100.1", null, true)]
    [InlineData("AWS Internal", null, false)]
    public void WithContext_KnownNetworks_LabelsOrMarksUnknown(string ip, string? label, bool unknown)
    {
        var policy = Policy(knownNetworks: [new(IPNetwork.Parse("203.0.113.0/24"), "office VPN"), new(IPNetwork.Parse("2001:db8::/32"), "IPv6 office")]);

        var context = policy.WithContext(Alert(ip: ip), null).Context;

        Assert.Equal((label, unknown), (context?.NetworkLabel, context?.UnknownNetwork ?? false));
    }

    [Fact]
    public void WithContext_NoKnownNetworks_NeverMarksUnknown() =>
        Assert.False(Policy(accountNames: [new("111111111111", "prod")]).WithContext(Alert(ip: "198.51.100.1"), null).Context!.UnknownNetwork);

    [Theory]
    [InlineData("111111111111", "prod")]
    [InlineData("333333333333", null)]
    public void WithContext_AccountNames_NameTheKnownAccount(string account, string? name) =>
        Assert.Equal(name, Policy(accountNames: [new("111111111111", "prod")]).WithContext(Alert(account: account), null).Context?.AccountName);

    [Fact]
    public void WithContext_MemberId_IsKeptForTheMention() =>
        Assert.Equal("U0123ABC", Policy().WithContext(Alert(), "U0123ABC").Context!.MemberId);

    [Theory]
    [InlineData("IamUser", "alice", null, false, "Success", "U0ALICE")]
    [InlineData("IamUser", "ALICE", null, false, "Success", "U0ALICE")]
    [InlineData("IdentityCenterUser", "bob@example.com", null, false, "Success", "bob@example.com")]
    [InlineData("AssumedRole", "bob@example.com", "AWSReservedSSO_Admin_0123456789abcdef", false, "Success", "bob@example.com")]
    [InlineData("AssumedRole", "anyone", "break-glass", false, "Success", "U0OWNER")]
    [InlineData("AssumedRole", "alice", "dev", false, "Success", null)]
    [InlineData("AssumedRole", "bob@example.com", "dev", false, "Success", null)]
    [InlineData("IdentityCenterUser", "alice", null, false, "Success", null)]
    [InlineData("IamUser", "alice", null, true, "Success", null)]
    [InlineData("IamUser", "carol", null, false, "Success", null)]
    [InlineData("IamUser", "alice", null, false, "Failure", null)]
    [InlineData("IdentityCenterUser", "bob@example.com", null, false, "Failure", null)]
    public void Person_Principal_IsFoundByWhatAwsAssertsAndNeverForAFailure(string principalKind, string name, string? role, bool masked, string outcome, string? shown)
    {
        var kind = Enum.Parse<PrincipalKind>(principalKind);
        var policy = Policy(people:
        [
            new("user/alice", SlackPerson.Parse("U0ALICE")!),
            new("sso/bob@example.com", SlackPerson.Parse("bob@example.com")!),
            new("role/break-glass", SlackPerson.Parse("U0OWNER")!),
        ]);
        var permissionSet = role is not null && role.StartsWith("AWSReservedSSO_", StringComparison.Ordinal) ? "Admin" : null;
        var alert = Alert(kind: kind, outcome: Enum.Parse<Outcome>(outcome)) with { Principal = new Principal(kind, masked ? null : name, masked, role, permissionSet) };

        Assert.Equal(shown, policy.Person(alert)?.Shown);
    }

    [Theory]
    [InlineData("U012AB3CD", "U012AB3CD", null)]
    [InlineData("W012AB3CD", "W012AB3CD", null)]
    [InlineData("alice@example.com", null, "alice@example.com")]
    [InlineData("u012ab3cd", null, null)]
    [InlineData("<@U012AB3CD>", null, null)]
    [InlineData("alice@localhost", null, null)]
    [InlineData("alice", null, null)]
    public void SlackPerson_Parse_TakesMemberIdsAndAddressesOnly(string value, string? member, string? email)
    {
        var person = SlackPerson.Parse(value);

        Assert.Equal((member, email), (person?.MemberId, person?.Email));
    }
}
