using SigninToSlack.Configuration;

namespace SigninToSlack.Tests.Configuration;

public sealed class BurstSettingsTests
{
    private static FunctionSettings Read(params (string Name, string? Value)[] variables)
    {
        var map = variables.Append(("SLACK_WEBHOOK", "https://hooks.slack.com/services/T/B/X")).ToDictionary(v => v.Item1, v => v.Item2);
        return SettingsReader.Read(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void Read_Unset_ThresholdFiveWindowFifteenMinutes()
    {
        var burst = Read().Burst;

        Assert.Equal((5, TimeSpan.FromMinutes(15)), (burst.Threshold, burst.Window));
    }

    [Fact]
    public void Read_SqsHandlerAndBurstSettings_AreKept()
    {
        var settings = Read(("SIGNIN_HANDLER", "sqs"), ("SIGNIN_BURST_THRESHOLD", "12"), ("SIGNIN_BURST_WINDOW_MINUTES", "1440"));

        Assert.Equal(EntryPointKind.Sqs, settings.EntryPoint);
        Assert.Equal((12, TimeSpan.FromDays(1)), (settings.Burst.Threshold, settings.Burst.Window));
    }

    [Theory]
    [InlineData("SIGNIN_BURST_THRESHOLD", "1")]
    [InlineData("SIGNIN_BURST_THRESHOLD", "10001")]
    [InlineData("SIGNIN_BURST_THRESHOLD", "five")]
    [InlineData("SIGNIN_BURST_WINDOW_MINUTES", "0")]
    [InlineData("SIGNIN_BURST_WINDOW_MINUTES", "1441")]
    [InlineData("SIGNIN_BURST_WINDOW_MINUTES", "-5")]
    public void Read_BurstSettingOutOfRange_FailsNamingTheVariable(string variable, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read((variable, value)));

        Assert.StartsWith(variable + " must be a whole number of ", error.Message, StringComparison.Ordinal);
    }
}
