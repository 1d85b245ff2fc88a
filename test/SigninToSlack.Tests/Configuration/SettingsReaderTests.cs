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
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://[::1]:8080/hook")]
    public void Read_HttpToLoopback_IsAccepted(string webhook) =>
        Assert.Equal(new Uri(webhook), Read(("SLACK_WEBHOOK", webhook)).SlackWebhook!.Value);

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
    public void Read_HandlerSetting_IsCaseInsensitive(string value, string expected) =>
        Assert.Equal(Enum.Parse<EntryPointKind>(expected), Read(("SLACK_WEBHOOK", "https://h.example/x"), ("SIGNIN_HANDLER", value)).EntryPoint);

    [Theory]
    [InlineData("SIGNIN_HANDLER", "1")]
    [InlineData("SIGNIN_HANDLER", "Sqs")]
    [InlineData("AWS_LAMBDA_LOG_FORMAT", "xml")]
    [InlineData("AWS_LAMBDA_LOG_LEVEL", "loud")]
    public void Read_InvalidChoice_FailsNamingTheVariable(string variable, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(("SLACK_WEBHOOK", "https://h.example/x"), (variable, value)));

        Assert.StartsWith(variable + " must be one of", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_JsonLogFormatAndDebugLevel_AreParsed()
    {
        var settings = Read(("SLACK_WEBHOOK", "https://h.example/x"), ("AWS_LAMBDA_LOG_FORMAT", "JSON"), ("AWS_LAMBDA_LOG_LEVEL", "DEBUG"));

        Assert.Equal(LogFormat.Json, settings.LogFormat);
        Assert.Equal(LogLevel.Debug, settings.LogLevel);
    }

    [Fact]
    public void Read_NoWebhookWhenNotRequired_GivesNullWebhook() =>
        Assert.Null(SettingsReader.Read(_ => null, requireWebhook: false).SlackWebhook);

    [Fact]
    public void ToString_WithWebhook_NeverShowsIt() =>
        Assert.DoesNotContain("SECRET", Read(("SLACK_WEBHOOK", "https://h.example/SECRET")).ToString(), StringComparison.Ordinal);

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
        Assert.Equal(TimeSpan.FromSeconds(seconds), Read(("SLACK_WEBHOOK", "https://h.example/x"), ("SECRETS_CACHE_TTL_SECONDS", value)).SecretsCacheTtl);

    [Theory]
    [InlineData("SECRETS_CACHE_TTL_SECONDS", "3601")]
    [InlineData("SECRETS_CACHE_TTL_SECONDS", "-1")]
    [InlineData("SECRETS_CACHE_TTL_SECONDS", "5m")]
    [InlineData("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "0")]
    [InlineData("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "70000")]
    public void Read_NumberOutOfRange_FailsNamingTheVariable(string variable, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(("SLACK_WEBHOOK", "https://h.example/x"), (variable, value)));

        Assert.StartsWith(variable + " must be ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ExtensionPort_DefaultsTo2773() =>
        Assert.Equal(2773, Read(("SLACK_WEBHOOK", "https://h.example/x")).ExtensionPort);
}
