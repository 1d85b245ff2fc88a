using System.Text;
using SigninToSlack.App;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.App;

/// <summary>The dry run shows where each event would go: names only, never a webhook or a token.</summary>
public sealed class LocalInvokeDestinationsTests
{
    private static readonly Dictionary<string, string?> Routed = new()
    {
        ["SLACK_WEBHOOK"] = "https://hooks.slack.com/services/T/B/SECRETDEFAULT",
        ["SLACK_WEBHOOK_CRITICAL"] = "https://hooks.slack.com/services/T/B/SECRETONCALL",
        ["SLACK_ACCOUNT_WEBHOOKS"] = "444455556666=ssm:/signin/secret-prod-hook",
        ["SLACK_BOT_TOKEN"] = "xoxb-1-2-SECRETTOKEN",
        ["SLACK_PEOPLE"] = "user/anaya=U0ANAYA1;sso/Mary.Major@example.com=mary@example.com",
    };

    private static async Task<(int Exit, string Stdout, string[] Stderr)> DryRunAsync(string sample, Dictionary<string, string?> environment)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await LocalInvoke.RunAsync([Path.Combine(RepoFiles.Events, sample), "--dry-run"], environment.GetValueOrDefault, Stream.Null, stdout, stderr, TimeProvider.System);
        return (exit, stdout.ToString(), stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("root-success.json", "critical ", "  -> channel: default, critical")]
    [InlineData("iam-user-success-no-mfa.json", "high ", "  -> channel: default; dm: U0ANAYA1")]
    [InlineData("iam-user-failure.json", "high ", "  -> channel: default")]
    [InlineData("assumed-role-sso.json", "info ", "  -> channel: default; dm: mary@example.com")]
    public async Task DryRun_RoutedEvent_PrintsSeverityLineThenDestinations(string sample, string first, string destinations)
    {
        var (exit, stdout, stderr) = await DryRunAsync(sample, Routed);

        Assert.Equal(LocalInvoke.Handled, exit);
        Assert.Equal(2, stderr.Length);
        Assert.StartsWith(first, stderr[0], StringComparison.Ordinal);
        Assert.Equal(destinations, stderr[1]);
        Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("SECRET", string.Join('\n', stderr) + stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_SnsWithTwoRecords_OneDestinationLineAfterEachEvent()
    {
        var (_, _, stderr) = await DryRunAsync("sns-two-records.json", new() { ["SLACK_WEBHOOK_HIGH"] = "https://hooks.slack.com/services/T/B/H" });

        Assert.Equal(4, stderr.Length);
        Assert.Matches("^(critical|high|info) ", stderr[0]);
        Assert.StartsWith("  -> channel: default", stderr[1], StringComparison.Ordinal);
        Assert.Matches("^(critical|high|info) ", stderr[2]);
        Assert.StartsWith("  -> channel: default", stderr[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_SkippedEvent_NamesTheRuleAndNoDestinations()
    {
        var (exit, stdout, stderr) = await DryRunAsync("check-mfa.json", []);

        Assert.Equal(LocalInvoke.Handled, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("skipped: ignored by SIGNIN_IGNORE_EVENTS (CheckMfa)", Assert.Single(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WithoutDryRun_PrintsNoDestinationLine()
    {
        using var stderr = new StringWriter();

        var exit = await LocalInvoke.RunAsync([Path.Combine(RepoFiles.Events, "root-success.json")], _ => null, Stream.Null, StringWriter.Null, stderr, TimeProvider.System);

        Assert.Equal(LocalInvoke.Handled, exit);
        Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task DryRun_InvalidPolicySetting_ExitsTwoNamingTheVariable()
    {
        var (exit, _, stderr) = await DryRunAsync("root-success.json", new() { ["SIGNIN_KNOWN_NETWORKS"] = "10.0.0.0/8" });

        Assert.Equal(LocalInvoke.BadInput, exit);
        Assert.StartsWith("error: SIGNIN_KNOWN_NETWORKS", Assert.Single(stderr), StringComparison.Ordinal);
    }
}
