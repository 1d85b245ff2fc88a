using SigninToSlack.Configuration;
using SigninToSlack.Logging;
using SigninToSlack.Events;

namespace SigninToSlack.Tests.Configuration;

public sealed class SettingsReaderTests
{
    private static FunctionSettings Read(params (string Name, string? Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return SettingsReader.Read(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void Read_WebhookOnly_UsesDefaults()
    {
        var settings = Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"));

        Assert.Equal(new Uri("https://hooks.slack.com/services/T/B/X"), settings.SlackWebhook!.Value);
        Assert.Equal(EntryPointKind.EventBridge, settings.EntryPoint);
        Assert.Equal(LogFormat.Text, settings.LogFormat);
        Assert.Equal(LogLevel.Info, settings.LogLevel);
    }

    [Theory]
    [InlineData("https://hooks.slack.com/services/T/B/X")]
    [InlineData("https://HOOKS.SLACK.COM/services/T/B/X")]
    [InlineData("https://hooks.slack-gov.com/services/T/B/X")]
    public void Read_WebhookOnSlack_IsAccepted(string webhook) =>
        Assert.Equal(new Uri(webhook), Read(("SLACK_WEBHOOK", webhook)).SlackWebhook!.Value);

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook", "127.0.0.1")]
    [InlineData("http://localhost:8080/hook", "proxy.example.com, localhost")]
    [InlineData("http://[::1]:8080/hook", "::1")]
    [InlineData("http://[::1]:8080/hook", "[::1]")]
    [InlineData("https://proxy.example.com/slack/hook", "Proxy.Example.com")]
    public void Read_WebhookOnAnExtraHost_IsAccepted(string webhook, string extraHosts) =>
        Assert.Equal(new Uri(webhook), Read(("SLACK_WEBHOOK", webhook), ("SLACK_EXTRA_HOSTS", extraHosts)).SlackWebhook!.Value);

    /// <summary>Hosts that are not Slack's, or look like it, and loopback or a proxy not listed (or listed for http without being loopback).</summary>
    [Theory]
    [InlineData("https://sink.example/services/T/B/SECRET", null)]
    [InlineData("https://hooks.slack.com.sink.example/services/T/B/SECRET", null)]
    [InlineData("https://sink.example/hooks.slack.com/SECRET", null)]
    [InlineData("https://xhooks.slack.com/services/SECRET", null)]
    [InlineData("https://slack.com/services/T/B/SECRET", null)]
    [InlineData("https://hooks.slack.com./services/T/B/SECRET", null)]
    [InlineData("http://127.0.0.1:8080/SECRET", null)]
    [InlineData("http://localhost:8080/SECRET", "127.0.0.1")]
    [InlineData("http://proxy.example.com/SECRET", "proxy.example.com")]
    [InlineData("https://other.example.com/SECRET", "proxy.example.com")]
    [InlineData("http://hooks.slack.com/services/SECRET", "hooks.slack.com")]
    public void Read_WebhookOnAHostNotAdmitted_FailsNamingVariableNotValue(string webhook, string? extraHosts)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(("SLACK_WEBHOOK", webhook), ("SLACK_EXTRA_HOSTS", extraHosts)));

        Assert.StartsWith("SLACK_WEBHOOK must be an https:// URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sink", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SLACK_WEBHOOK_CRITICAL")]
    [InlineData("SLACK_WEBHOOK_HIGH")]
    [InlineData("SLACK_WEBHOOK_INFO")]
    public void Read_SeverityWebhookOnAnotherHost_Fails(string variable)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"), (variable, "https://sink.example/x")));

        Assert.StartsWith(variable + " must be an https:// URL on hooks.slack.com or hooks.slack-gov.com", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AccountWebhookOnAnotherHost_FailsNamingTheAccount()
    {
        var error = Assert.Throws<ConfigurationException>(
            () => Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"), ("SLACK_ACCOUNT_WEBHOOKS", "111111111111=https://sink.example/x")));

        Assert.StartsWith("SLACK_ACCOUNT_WEBHOOKS (111111111111) must be an https:// URL on hooks.slack.com", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "https://slack.com/api/")]
    [InlineData("https://slack-gov.com/api", "https://slack-gov.com/api/")]
    public void Read_ApiUrlOnSlack_IsAccepted(string? value, string expected) =>
        Assert.Equal(new Uri(expected), Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"), ("SLACK_API_URL", value)).SlackApiUrl);

    [Theory]
    [InlineData("http://proxy.example.com")]
    [InlineData("proxy.example.com:8443")]
    [InlineData("*.example.com")]
    [InlineData("proxy.example.com/slack")]
    [InlineData("user@proxy.example.com")]
    public void Read_ExtraHostNotAHost_FailsSayingHowToWriteIt(string entry)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"), ("SLACK_EXTRA_HOSTS", "127.0.0.1," + entry)));

        Assert.Equal(
            $"SLACK_EXTRA_HOSTS: '{entry}' is not a host name: write the host alone, e.g. proxy.example.com or 127.0.0.1 (no scheme, port, path or wildcard), hosts separated by commas",
            error.Message);
    }

    /// <summary>An ARN whose region, partition, service or account is not what it must be: start-up fails, so no signed request can go anywhere.</summary>
    [Theory]
    [InlineData("ssm:arn:aws:ssm:evil.example/:111111111111:parameter/x", "has an ARN whose region is not a region name")]
    [InlineData("secretsmanager:arn:aws:secretsmanager:x@127.0.0.1/:111111111111:secret:x", "has an ARN whose region is not a region name")]
    [InlineData("ssm:arn:aws:ssm:eu-west-1.evil.example:111111111111:parameter/x", "has an ARN whose region is not a region name")]
    [InlineData("ssm:arn:aws:ssm::111111111111:parameter/x", "has an ARN whose region is not a region name")]
    [InlineData("ssm:arn:aws:ssm:cn-north-1:111111111111:parameter/x", "has an ARN whose region is not a region name of partition aws")]
    [InlineData("ssm:arn:evil:ssm:eu-west-1:111111111111:parameter/x", "has an ARN whose partition is not one of aws, aws-cn, aws-us-gov")]
    [InlineData("ssm:arn:aws:secretsmanager:eu-west-1:111111111111:secret:x", "has an ARN of another service")]
    [InlineData("secretsmanager:arn:aws:ssm:eu-west-1:111111111111:parameter/x", "has an ARN of another service")]
    [InlineData("ssm:arn:aws:ssm:eu-west-1:1111:parameter/x", "has an ARN whose account is not an AWS account ID")]
    [InlineData("ssm:arn:aws:ssm:eu-west-1:111111111111:x", "has an ARN that does not name a parameter")]
    [InlineData("secretsmanager:arn:aws:secretsmanager:eu-west-1:111111111111:secret:", "has an ARN that does not name a secret")]
    [InlineData("ssm:arn:aws:ssm:eu-west-1", "is not a complete ARN")]
    [InlineData("ssm:ARN:aws:ssm:eu-west-1:111111111111:parameter/x", "is neither a parameter name nor an ARN")]
    public void Read_ReferenceWithHostileArn_FailsAtStartup(string reference, string problem)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(("SLACK_WEBHOOK", reference)));

        Assert.StartsWith("SLACK_WEBHOOK: a", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssm:arn:aws:ssm:eu-west-1:111111111111:parameter/slack/hook")]
    [InlineData("ssm:arn:aws-cn:ssm:cn-northwest-1:111111111111:parameter/hook")]
    [InlineData("ssm:arn:aws-us-gov:ssm:us-gov-west-1:111111111111:parameter/hook")]
    [InlineData("secretsmanager:arn:aws:secretsmanager:ap-southeast-2:111111111111:secret:slack-AbCdEf#webhook")]
    public void Read_ReferenceWithWellFormedArn_IsKept(string reference) =>
        Assert.Equal(reference, Read(("SLACK_WEBHOOK", reference)).SlackWebhook!.Reference!.ToString());

    [Theory]
    [InlineData("ftp://hooks.slack.com/SECRET")]
    [InlineData("http://hooks.slack.com/SECRET")]
    [InlineData("/services/SECRET")]
    [InlineData("https://user:SECRET@hooks.slack.com/x")]
    public void Read_WebhookNotHttps_FailsNamingVariableNotValue(string webhook)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(("SLACK_WEBHOOK", webhook)));

        Assert.StartsWith("SLACK_WEBHOOK", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sns", "Sns")]
    [InlineData("EventBridge", "EventBridge")]
    [InlineData(" SNS ", "Sns")]
    [InlineData("SQS", "Sqs")]
    public void Read_HandlerSetting_IsCaseInsensitive(string value, string expected) =>
        Assert.Equal(Enum.Parse<EntryPointKind>(expected), Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"), ("SIGNIN_HANDLER", value)).EntryPoint);

    [Theory]
    [InlineData("SIGNIN_HANDLER", "1")]
    [InlineData("SIGNIN_HANDLER", "Queue")]
    [InlineData("AWS_LAMBDA_LOG_FORMAT", "xml")]
    [InlineData("AWS_LAMBDA_LOG_LEVEL", "loud")]
    public void Read_InvalidChoice_FailsNamingTheVariable(string variable, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"), (variable, value)));

        Assert.StartsWith(variable + " must be one of", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_JsonLogFormatAndDebugLevel_AreParsed()
    {
        var settings = Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"), ("AWS_LAMBDA_LOG_FORMAT", "JSON"), ("AWS_LAMBDA_LOG_LEVEL", "DEBUG"));

        Assert.Equal(LogFormat.Json, settings.LogFormat);
        Assert.Equal(LogLevel.Debug, settings.LogLevel);
    }

    [Fact]
    public void Read_NoWebhookWhenNotRequired_GivesNullWebhook() =>
        Assert.Null(SettingsReader.Read(_ => null, requireWebhook: false).SlackWebhook);

    [Fact]
    public void ToString_WithWebhook_NeverShowsIt() =>
        Assert.DoesNotContain("SECRET", Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/SECRET")).ToString(), StringComparison.Ordinal);

    [Theory]
    [InlineData("ssm:/signin-to-slack/webhook")]
    [InlineData("secretsmanager:signin-to-slack#webhook")]
    public void Read_WebhookReference_IsKeptUnresolved(string reference)
    {
        var webhook = Read(("SLACK_WEBHOOK", reference)).SlackWebhook!;

        Assert.Null(webhook.Value);
        Assert.Equal(reference, webhook.Reference!.ToString());
    }

    [Theory]
    [InlineData("ssm:")]
    [InlineData("ssm:/SECRET path")]
    [InlineData("secretsmanager:SECRET#")]
    public void Read_MalformedReference_FailsNamingVariableNotValue(string reference)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(("SLACK_WEBHOOK", reference)));

        Assert.StartsWith("SLACK_WEBHOOK: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 300)]
    [InlineData("0", 0)]
    [InlineData("3600", 3600)]
    [InlineData(" 60 ", 60)]
    public void Read_SecretsCacheTtl_IsSecondsWithinBounds(string? value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"), ("SECRETS_CACHE_TTL_SECONDS", value)).SecretsCacheTtl);

    [Theory]
    [InlineData("SECRETS_CACHE_TTL_SECONDS", "3601")]
    [InlineData("SECRETS_CACHE_TTL_SECONDS", "-1")]
    [InlineData("SECRETS_CACHE_TTL_SECONDS", "5m")]
    [InlineData("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "0")]
    [InlineData("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "70000")]
    public void Read_NumberOutOfRange_FailsNamingTheVariable(string variable, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"), (variable, value)));

        Assert.StartsWith(variable + " must be ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ExtensionPort_DefaultsTo2773() =>
        Assert.Equal(2773, Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X")).ExtensionPort);

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("signin-to-slack-state", "signin-to-slack-state", null)]
    [InlineData("a.b_c-1", "a.b_c-1", null)]
    [InlineData("arn:aws:dynamodb:eu-west-1:111122223333:table/signin-state", "signin-state", "eu-west-1")]
    [InlineData("arn:aws-cn:dynamodb:cn-north-1:111122223333:table/state", "state", "cn-north-1")]
    public void Read_StateTable_NameOrArn(string? value, string? name, string? region)
    {
        var table = Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"), ("SIGNIN_STATE_TABLE", value)).StateTable;

        Assert.Equal((name, region), (table?.Name, table?.Region));
    }

    [Theory]
    [InlineData("ab", "is not a table name")]
    [InlineData("state table", "is not a table name")]
    [InlineData("arn:aws:dynamodb:evil.example/x:111122223333:table/state", "region is not a region name")]
    [InlineData("arn:aws:dynamodb:cn-north-1:111122223333:table/state", "region is not a region name of partition aws")]
    [InlineData("arn:aws:dynamodb:eu-west-1:1111:table/state", "account is not an AWS account ID")]
    [InlineData("arn:aws:dynamodb:eu-west-1:111122223333:stream/state", "does not name a table")]
    [InlineData("arn:aws:sqs:eu-west-1:111122223333:table/state", "is not a table name")]
    public void Read_StateTableMalformed_FailsNamingTheVariable(string value, string problem)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"), ("SIGNIN_STATE_TABLE", value)));

        Assert.StartsWith("SIGNIN_STATE_TABLE ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private const string LinkKey = "k3y-for-tests-only-0123456789abcdefghijklmnop";

    private static (string, string?)[] RespondVariables(string? key = LinkKey, string? account = "111122223333", string? table = "signin-state") =>
    [
        ("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"),
        ("SIGNIN_HANDLER", "Respond"),
        ("SIGNIN_LINK_KEY", key),
        ("SIGNIN_ACCOUNT_ID", account),
        ("SIGNIN_STATE_TABLE", table),
    ];

    [Fact]
    public void Read_RespondWithKeyAccountAndTable_IsAcceptedAndNeverShowsTheKey()
    {
        var settings = Read(RespondVariables());

        Assert.Equal(EntryPointKind.Respond, settings.EntryPoint);
        Assert.Equal("111122223333", settings.Respond.Account);
        Assert.Equal("signin-state", settings.StateTable!.Name);
        Assert.Equal(TimeSpan.FromMinutes(30), settings.Respond.LinkTtl);
        Assert.DoesNotContain(LinkKey, settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "111122223333", "signin-state", "SIGNIN_LINK_KEY is not set")]
    [InlineData("short", "111122223333", "signin-state", "SIGNIN_LINK_KEY")]
    [InlineData(LinkKey, null, "signin-state", "SIGNIN_ACCOUNT_ID is not set")]
    [InlineData(LinkKey, "1111", "signin-state", "SIGNIN_ACCOUNT_ID must be the AWS account ID")]
    [InlineData(LinkKey, "111122223333", null, "SIGNIN_STATE_TABLE is not set")]
    public void Read_RespondMissingWhatMakesItSafe_RefusesToStartNamingTheSetting(string? key, string? account, string? table, string expected)
    {
        var ex = Assert.Throws<ConfigurationException>(() => Read(RespondVariables(key, account, table)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(LinkKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotRespond_RespondSettingsAreNotRequired() =>
        Assert.Null(Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X")).Respond.LinkKey);

    private const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    [Fact]
    public void Read_NotifierWithRespondUrlKeyAndSigningSecret_TurnsOnLinksAndNeverShowsTheSecrets()
    {
        var settings = Read(
            ("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"),
            ("SIGNIN_RESPOND_URL", "https://abc123.lambda-url.eu-west-1.on.aws/"),
            ("SIGNIN_LINK_KEY", LinkKey),
            ("SLACK_SIGNING_SECRET", SigningSecret),
            ("SLACK_ADMINS", "U012AB3CD, W0ADMIN2"),
            ("SIGNIN_UNDO_TTL_MINUTES", "120"));

        Assert.True(settings.Respond.Links);
        Assert.Equal("abc123.lambda-url.eu-west-1.on.aws", settings.Respond.Url!.Host);
        Assert.NotNull(settings.Respond.SigningSecret);
        Assert.Equal(["U012AB3CD", "W0ADMIN2"], settings.Respond.Admins.Order(StringComparer.Ordinal));
        Assert.Equal(TimeSpan.FromMinutes(120), settings.Respond.UndoTtl);
        Assert.DoesNotContain(LinkKey, settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SigningSecret, settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NothingOfRespondSet_NoLinksAndADayToUndo()
    {
        var respond = Read(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X")).Respond;

        Assert.False(respond.Links);
        Assert.Empty(respond.Admins);
        Assert.Equal(TimeSpan.FromHours(24), respond.UndoTtl);
    }

    [Theory]
    [InlineData("SIGNIN_RESPOND_URL", "http://abc123.lambda-url.eu-west-1.on.aws/", "SIGNIN_RESPOND_URL must be")]
    [InlineData("SIGNIN_RESPOND_URL", "https://user:pw@abc123.lambda-url.eu-west-1.on.aws/", "SIGNIN_RESPOND_URL must be")]
    [InlineData("SIGNIN_RESPOND_URL", "https://abc123.lambda-url.eu-west-1.on.aws/?t=1", "SIGNIN_RESPOND_URL must be")]
    [InlineData("SIGNIN_RESPOND_URL", "https://abc123.lambda-url.eu-west-1.on.aws/#x", "SIGNIN_RESPOND_URL must be")]
    [InlineData("SIGNIN_RESPOND_URL", "https://10.0.0.1/", "SIGNIN_RESPOND_URL must be")]
    [InlineData("SLACK_ADMINS", "U012AB3CD,alice", "SLACK_ADMINS: entry 2 is not a Slack member ID")]
    [InlineData("SLACK_SIGNING_SECRET", "short", "SLACK_SIGNING_SECRET must be")]
    [InlineData("SIGNIN_UNDO_TTL_MINUTES", "1", "SIGNIN_UNDO_TTL_MINUTES must be")]
    [InlineData("SIGNIN_UNDO_TTL_MINUTES", "20000", "SIGNIN_UNDO_TTL_MINUTES must be")]
    public void Read_RespondSettingMalformed_FailsNamingIt(string variable, string value, string expected)
    {
        var ex = Assert.Throws<ConfigurationException>(() => Read(
            ("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"), ("SIGNIN_LINK_KEY", LinkKey), (variable, value)));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(LinkKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RespondUrlWithoutLinkKey_Fails()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Read(
            ("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X"), ("SIGNIN_RESPOND_URL", "https://abc123.lambda-url.eu-west-1.on.aws/")));

        Assert.Contains("SIGNIN_LINK_KEY is not", ex.Message, StringComparison.Ordinal);
    }
}
