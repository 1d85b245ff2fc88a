using SigninToSlack.Alerts;
using SigninToSlack.Configuration;
using SigninToSlack.Policy;
using SigninToSlack.Events;

namespace SigninToSlack.Tests.Configuration;

/// <summary>Start-up reading of the policy, routing and people settings: each valid form, and each invalid one failing with the variable's name.</summary>
public sealed class PolicySettingsTests
{
    private const string Hook = "https://hooks.slack.com/services/T/B/X";

    private static FunctionSettings Read(params (string Name, string? Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        map.TryAdd("SLACK_WEBHOOK", Hook);
        return SettingsReader.Read(name => map.GetValueOrDefault(name));
    }

    private static SigninAlert Alert(string eventName = "ConsoleLogin", string ip = "203.0.113.7", Outcome outcome = Outcome.Success, Severity severity = Severity.Info) => new()
    {
        Severity = severity,
        Principal = new Principal(PrincipalKind.IamUser, "alice"),
        Activity = new Activity("Console sign-in", "signed in", "failed to sign in", "tried"),
        Outcome = outcome,
        Mfa = MfaStatus.Used,
        EventName = eventName,
        AccountId = "111111111111",
        SourceIp = ip,
    };

    [Fact]
    public void Read_NoPolicySettings_QuietsOnlyCheckMfa()
    {
        var policy = Read().Policy;

        Assert.Equal(["CheckMfa"], policy.IgnoredEvents);
        Assert.Equal(Severity.Info, policy.MinimumSeverity);
        Assert.Empty(policy.People);
        Assert.Null(Read().SlackBotToken);
    }

    [Theory]
    [InlineData("high", "High")]
    [InlineData(" CRITICAL ", "Critical")]
    [InlineData("info", "Info")]
    public void Read_MinSeverity_IsCaseInsensitive(string value, string expected) =>
        Assert.Equal(Enum.Parse<Severity>(expected), Read(("SIGNIN_MIN_SEVERITY", value)).Policy.MinimumSeverity);

    [Theory]
    [InlineData("none", "")]
    [InlineData("NONE", "")]
    [InlineData("ExitRole, RenewRole", "ExitRole,RenewRole")]
    [InlineData("CheckMfa,ExitRole", "CheckMfa,ExitRole")]
    public void Read_IgnoreEvents_ReplacesTheDefault(string value, string expected) =>
        Assert.Equal(expected, string.Join(',', Read(("SIGNIN_IGNORE_EVENTS", value)).Policy.IgnoredEvents.Order(StringComparer.Ordinal)));

    [Fact]
    public void Read_IgnoreSourceIps_SingleAddressesAndRangesOfBothFamilies()
    {
        var policy = Read(("SIGNIN_IGNORE_SOURCE_IPS", "198.51.100.7, 203.0.113.0/24,2001:db8::/32,2001:db8:ffff::1"), ("SIGNIN_IGNORE_SOURCE_IPS_ALSO", "failures")).Policy;
        var rules = new AlertPolicy(policy);

        Assert.NotNull(rules.SkipReason(Alert(ip: "198.51.100.7")));
        Assert.Null(rules.SkipReason(Alert(ip: "198.51.100.8")));
        Assert.NotNull(rules.SkipReason(Alert(ip: "203.0.113.200")));
        Assert.NotNull(rules.SkipReason(Alert(ip: "2001:db8:1::1")));
        Assert.NotNull(rules.SkipReason(Alert(ip: "203.0.113.1", outcome: Outcome.Failure, severity: Severity.High)));
        Assert.Equal(IpRuleScope.Failures, policy.IgnoredNetworksAlso);
    }

    [Theory]
    [InlineData("root,failures", 3)]
    [InlineData("ROOT", 2)]
    [InlineData("none", 0)]
    public void Read_IgnoreSourceIpsAlso_ParsesEachScope(string value, int expected) =>
        Assert.Equal((IpRuleScope)expected, Read(("SIGNIN_IGNORE_SOURCE_IPS", "10.0.0.0/8"), ("SIGNIN_IGNORE_SOURCE_IPS_ALSO", value)).Policy.IgnoredNetworksAlso);

    [Fact]
    public void Read_ContextMaps_ReachTheAlert()
    {
        var settings = Read(
            ("SIGNIN_ACCOUNT_NAMES", "111111111111=prod ; 222222222222=staging"),
            ("SIGNIN_KNOWN_NETWORKS", "203.0.113.0/24=London office;2001:db8::/32=VPN"),
            ("SLACK_PEOPLE", "user/alice=U0ALICE1;user/dev=ops=bob@example.com"),
            ("SLACK_BOT_TOKEN", "xoxb-1-2-SECRETTOKEN"));

        var policy = new AlertPolicy(settings.Policy);
        var context = policy.WithContext(Alert(), "U0ALICE1").Context;

        Assert.Equal(new AlertContext("prod", "London office", false, "U0ALICE1"), context);
        Assert.Equal("U0ALICE1", policy.Person(Alert())!.MemberId);
        Assert.Equal("bob@example.com", policy.Person(Alert() with { Principal = new Principal(PrincipalKind.IamUser, "dev=ops") })!.Email);
    }

    [Fact]
    public void Read_Routes_AreWebhooksOrReferences()
    {
        var settings = Read(
            ("SLACK_WEBHOOK_CRITICAL", "https://hooks.slack.com/services/T/B/CRIT"),
            ("SLACK_WEBHOOK_HIGH", "ssm:/signin/high"),
            ("SLACK_ACCOUNT_WEBHOOKS", "111111111111=https://hooks.slack.com/services/T/B/PROD;222222222222=secretsmanager:signin#staging=hook"));

        Assert.Equal(new Uri("https://hooks.slack.com/services/T/B/CRIT"), settings.Routes.Critical!.Value);
        Assert.Equal("ssm:/signin/high", settings.Routes.High!.Reference!.ToString());
        Assert.Null(settings.Routes.Info);
        Assert.Equal(new Uri("https://hooks.slack.com/services/T/B/PROD"), settings.Routes.Accounts["111111111111"].Value);
        Assert.Equal("secretsmanager:signin#staging=hook", settings.Routes.Accounts["222222222222"].Reference!.ToString());
    }

    [Fact]
    public void Read_BotTokenAndApiUrl_AreKeptAndNeverShown()
    {
        var settings = Read(("SLACK_BOT_TOKEN", "xoxb-1-2-SECRETTOKEN"), ("SLACK_API_URL", "http://127.0.0.1:8080/api"), ("SLACK_EXTRA_HOSTS", "127.0.0.1"));

        Assert.Equal("xoxb-1-2-SECRETTOKEN", settings.SlackBotToken!.Value);
        Assert.Equal(new Uri("http://127.0.0.1:8080/api/"), settings.SlackApiUrl);
        Assert.DoesNotContain("SECRET", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoApiUrl_IsSlacksOwn() =>
        Assert.Equal(new Uri("https://slack.com/api/"), Read().SlackApiUrl);

    /// <summary>Every new variable, with a bad value: start-up fails, the message names the variable and the problem.</summary>
    [Theory]
    [InlineData("SIGNIN_MIN_SEVERITY", "urgent", "must be one of Info, High, Critical")]
    [InlineData("SIGNIN_MIN_SEVERITY", "2", "must be one of")]
    [InlineData("SIGNIN_IGNORE_EVENTS", "Check Mfa", "is not an event name")]
    [InlineData("SIGNIN_IGNORE_EVENTS", "CheckMfa,*", "is not an event name")]
    [InlineData("SIGNIN_IGNORE_ACCOUNTS", "12345", "is not an AWS account ID")]
    [InlineData("SIGNIN_IGNORE_SOURCE_IPS", "10.0.0.1/8", "is not a CIDR range")]
    [InlineData("SIGNIN_IGNORE_SOURCE_IPS", "10.0.0.0/33", "is not a CIDR range")]
    [InlineData("SIGNIN_IGNORE_SOURCE_IPS", "office", "is not a CIDR range")]
    [InlineData("SIGNIN_ACCOUNT_NAMES", "111111111111", "entry 1 ('111111111111') is not <account id>=<name>")]
    [InlineData("SIGNIN_ACCOUNT_NAMES", "111111111111=prod;11111111111=dev", "is not an AWS account ID")]
    [InlineData("SIGNIN_ACCOUNT_NAMES", "111111111111=prod;111111111111=dev", "gives '111111111111' twice")]
    [InlineData("SIGNIN_KNOWN_NETWORKS", "10.0.0.0/8", "is not <CIDR>=<label>")]
    [InlineData("SIGNIN_KNOWN_NETWORKS", "10.0.0.0/88=vpn", "is not a CIDR range")]
    [InlineData("SLACK_PEOPLE", "user/alice=@alice", "is neither a Slack member ID")]
    [InlineData("SLACK_PEOPLE", "user/alice=<@U0ALICE1>", "is neither a Slack member ID")]
    [InlineData("SLACK_PEOPLE", "user/alice=alice@example.com", "only SLACK_BOT_TOKEN can turn into a member ID")]
    [InlineData("SLACK_PEOPLE", "=U0ALICE1", "is not <principal>=<member ID or e-mail>")]
    [InlineData("SLACK_WEBHOOK_CRITICAL", "http://hooks.example.com/x", "must be an https:// URL")]
    [InlineData("SLACK_WEBHOOK_HIGH", "ssm:", "an ssm: reference must name a parameter")]
    [InlineData("SLACK_WEBHOOK_INFO", "hooks.slack.com", "is not an absolute URL")]
    [InlineData("SLACK_ACCOUNT_WEBHOOKS", "1111=https://hooks.slack.com/x", "entry 1 does not start with an AWS account ID (12 digits): write <account id>=<webhook or reference>")]
    [InlineData("SLACK_ACCOUNT_WEBHOOKS", "111111111111", "entry 1 is not <account id>=")]
    [InlineData("SLACK_BOT_TOKEN", "xoxa-not-a-bot", "must be a Slack bot token")]
    [InlineData("SLACK_BOT_TOKEN", "xoxb-has space", "without spaces")]
    [InlineData("SLACK_API_URL", "http://slack.example.com/api", "must be an https:// URL")]
    [InlineData("SLACK_API_URL", "https://slack.example.com/api", "must be an https:// URL on slack.com or slack-gov.com; to admit a proxy or a local stand-in, list its host in SLACK_EXTRA_HOSTS")]
    [InlineData("SLACK_API_URL", "https://hooks.slack.com/api", "must be an https:// URL on slack.com or slack-gov.com")]
    [InlineData("SLACK_API_URL", "http://127.0.0.1:8080/api", "http:// is accepted only for a loopback host listed there")]
    public void Read_InvalidValue_FailsNamingVariableAndProblem(string variable, string value, string problem)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read((variable, value)));

        Assert.StartsWith(variable, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_IgnoreSourceIpsAlsoWithoutRanges_FailsNamingBoth()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(("SIGNIN_IGNORE_SOURCE_IPS_ALSO", "failures")));

        Assert.Equal("SIGNIN_IGNORE_SOURCE_IPS_ALSO is set but SIGNIN_IGNORE_SOURCE_IPS is not: it only widens what the source-IP rule silences", error.Message);
    }

    [Fact]
    public void Read_IgnoreSourceIpsAlsoUnknownScope_FailsNamingTheVariable()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(("SIGNIN_IGNORE_SOURCE_IPS", "10.0.0.0/8"), ("SIGNIN_IGNORE_SOURCE_IPS_ALSO", "everything")));

        Assert.StartsWith("SIGNIN_IGNORE_SOURCE_IPS_ALSO: 'everything' is not one of failures, root", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Secret settings: a bad value fails start-up without being quoted.</summary>
    [Theory]
    [InlineData("SLACK_WEBHOOK_CRITICAL", "http://hooks.example.com/SECRET")]
    [InlineData("SLACK_ACCOUNT_WEBHOOKS", "111111111111=http://hooks.example.com/SECRET")]
    [InlineData("SLACK_ACCOUNT_WEBHOOKS", "111111111111=SECRET")]
    [InlineData("SLACK_ACCOUNT_WEBHOOKS", "SECRET")]
    [InlineData("SLACK_BOT_TOKEN", "SECRET")]
    [InlineData("SLACK_BOT_TOKEN", "xoxb-SECRET SECRET")]
    public void Read_InvalidSecret_NeverQuotesIt(string variable, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read((variable, value)));

        Assert.StartsWith(variable, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The principal rules' syntax: each accepted form reaches the policy as the key it is looked up by.</summary>
    [Theory]
    [InlineData("user/alice", "user/alice")]
    [InlineData("USER/alice", "user/alice")]
    [InlineData("role/ci-deploy", "role/ci-deploy")]
    [InlineData("sso/alice@example.com", "sso/alice@example.com")]
    [InlineData("root", "root")]
    [InlineData("arn:aws:iam::111111111111:user/ops/alice", "arn:aws:iam::111111111111:user/ops/alice")]
    [InlineData("arn:aws-us-gov:iam::111111111111:role/ops/Admin", "arn:aws-us-gov:iam::111111111111:role/Admin")]
    [InlineData("arn:aws:iam::111111111111:root", "arn:aws:iam::111111111111:root")]
    public void Read_IgnorePrincipals_TakesKindQualifiedNamesAndArns(string value, string key) =>
        Assert.Equal(key, Assert.Single(Read(("SIGNIN_IGNORE_PRINCIPALS", value)).Policy.IgnoredPrincipals).Key);

    /// <summary>An old-style bare name, or anything not naming what AWS asserts, fails start-up saying what to write.</summary>
    [Theory]
    [InlineData("SIGNIN_IGNORE_PRINCIPALS", "alice", "SIGNIN_IGNORE_PRINCIPALS: 'alice' is not kind-qualified: write user/alice for the IAM user, role/alice for any session of the role, sso/alice for the IAM Identity Center user, or the ARN")]
    [InlineData("SLACK_PEOPLE", "alice=U0ALICE1", "SLACK_PEOPLE: 'alice' is not kind-qualified: write user/alice for the IAM user")]
    [InlineData("SIGNIN_IGNORE_PRINCIPALS", "group/admins", "SIGNIN_IGNORE_PRINCIPALS: 'group/admins' is not a principal: write user/<IAM user>, role/<IAM role> (any session of it), sso/<IAM Identity Center user>, root, or an IAM ARN")]
    [InlineData("SIGNIN_IGNORE_PRINCIPALS", "user/ops/alice", "does not end in an IAM user name")]
    [InlineData("SIGNIN_IGNORE_PRINCIPALS", "role/", "does not end in an IAM role name")]
    [InlineData("SIGNIN_IGNORE_PRINCIPALS", "sso/a b", "does not end in an IAM Identity Center user name")]
    [InlineData("SIGNIN_IGNORE_PRINCIPALS", "arn:aws:sts::111111111111:assumed-role/Admin/alice", "names a session, whose name whoever signs in chooses: write role/<role>")]
    [InlineData("SLACK_PEOPLE", "arn:aws:sts::111111111111:federated-user/alice=U0ALICE1", "names a session")]
    [InlineData("SIGNIN_IGNORE_PRINCIPALS", "arn:aws:iam::1111:user/alice", "is not an IAM ARN of a user, a role or root")]
    [InlineData("SIGNIN_IGNORE_PRINCIPALS", "arn:aws:iam::111111111111:group/admins", "is not an IAM ARN of a user, a role or root")]
    public void Read_PrincipalRuleNotQualified_FailsSayingWhatToWrite(string variable, string value, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read((variable, value)));

        Assert.StartsWith(variable, error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every secret-bearing variable, with values a person could plausibly get wrong: no message quotes any part of it
    /// (the marker stands for the secret path or token).
    /// </summary>
    [Theory]
    [InlineData("SLACK_WEBHOOK", "http://hooks.slack.com/services/T/B/MARKER")]
    [InlineData("SLACK_WEBHOOK", "https://MARKER.example/services/T/B/X")]
    [InlineData("SLACK_WEBHOOK", "https://hooks.slack.com.MARKER.example/x")]
    [InlineData("SLACK_WEBHOOK", "https://T:MARKER@hooks.slack.com/services/x")]
    [InlineData("SLACK_WEBHOOK", "hooks.slack.com/services/T/B/MARKER")]
    [InlineData("SLACK_WEBHOOK", "ssm:/MARKER path")]
    [InlineData("SLACK_WEBHOOK", "ssm:arn:aws:ssm:MARKER:111111111111:parameter/x")]
    [InlineData("SLACK_WEBHOOK", "secretsmanager:arn:aws:secretsmanager:eu-west-1:MARKER:secret:x")]
    [InlineData("SLACK_WEBHOOK_CRITICAL", "https://evil.example/MARKER")]
    [InlineData("SLACK_WEBHOOK_HIGH", "ftp://hooks.slack.com/MARKER")]
    [InlineData("SLACK_WEBHOOK_INFO", "MARKER")]
    [InlineData("SLACK_ACCOUNT_WEBHOOKS", "https://hooks.slack.com/services/T/B/MARKER=111111111111")]
    [InlineData("SLACK_ACCOUNT_WEBHOOKS", "111111111111=https://hooks.slack.com/services/T/B/X;https://hooks.slack.com/services/T/B/MARKER")]
    [InlineData("SLACK_ACCOUNT_WEBHOOKS", "111111111111=https://MARKER.example/x")]
    [InlineData("SLACK_ACCOUNT_WEBHOOKS", "xMARKER=a;xMARKER=b")]
    [InlineData("SLACK_ACCOUNT_WEBHOOKS", "MARKER")]
    [InlineData("SLACK_BOT_TOKEN", "MARKER")]
    [InlineData("SLACK_BOT_TOKEN", "xoxb-MARKER MARKER")]
    [InlineData("SLACK_BOT_TOKEN", "ssm:MARKER:x")]
    public void Read_InvalidSecretSetting_NeverQuotesAnyPartOfIt(string variable, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read((variable, value)));

        Assert.StartsWith(variable, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MARKER", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
