using System.Text;
using SigninToSlack.App;
using SigninToSlack.Tests.Support;
using static SigninToSlack.Tests.Support.ResponseLinkPayloads;

namespace SigninToSlack.Tests.App;

/// <summary>The local invoke's dry run shows the "That wasn't me" link when the link key is given as a value, and reads no stored one.</summary>
public sealed class LocalInvokeLinksTests
{
    private static async Task<(int Exit, string Stdout, string Stderr)> DryRunAsync(string linkKey)
    {
        var environment = new Dictionary<string, string?> { ["SIGNIN_RESPOND_URL"] = RespondUrl, ["SIGNIN_LINK_KEY"] = linkKey };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await LocalInvoke.RunAsync(
            [Path.Combine(RepoFiles.Events, "iam-user-success-mfa.json"), "--dry-run"], environment.GetValueOrDefault, Stream.Null, stdout, stderr, TimeProvider.System);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task DryRun_PlainLinkKey_PrintsAPayloadWithAWorkingLink()
    {
        var (exit, stdout, stderr) = await DryRunAsync(LinkKey);

        Assert.Equal(LocalInvoke.Handled, exit);
        var payload = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        BlockKit.AssertValid(payload);
        var (links, buttons) = Read(payload);
        Assert.Equal("arn:aws:iam::111122223333:user/anaya", Verify(TokenOf(Assert.Single(links)), "111122223333", DateTimeOffset.UtcNow).PrincipalArn);
        Assert.Empty(buttons);
        Assert.DoesNotContain("warning", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(LinkKey, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_StoredLinkKey_IsNotReadAndTheAlertPrintsWithoutLinkAndWithAWarning()
    {
        var (exit, stdout, stderr) = await DryRunAsync("ssm:/signin-to-slack/link-key");

        Assert.Equal(LocalInvoke.Handled, exit);
        var payload = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(Read(payload).Links);
        Assert.Contains(
            "  warning: no \"That wasn't me\" link: SIGNIN_LINK_KEY=ssm:/signin-to-slack/link-key is not read in a dry run",
            stderr.Split('\n').Select(l => l.TrimEnd('\r')));
    }
}
