using System.ComponentModel;
using System.Diagnostics;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Deploy;

/// <summary>Both templates pass cfn-lint without errors or warnings.</summary>
public sealed class CfnLintTests
{
    private static readonly TimeSpan LintTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Templates_Linted_ReportNothing()
    {
        // Arrange
        var start = new ProcessStartInfo("cfn-lint")
        {
            WorkingDirectory = RepoFiles.Root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("template.yaml");
        start.ArgumentList.Add("forwarder.yaml");

        // Act
        using var process = StartOrExplain(start);
        using var timeout = new CancellationTokenSource(LintTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var report = (await output + await errors).Trim();

        // Assert
        Assert.True(process.ExitCode == 0 && report.Length == 0, $"cfn-lint exited with {process.ExitCode}:{Environment.NewLine}{report}");
    }

    private static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("cfn-lint did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"cfn-lint was not found on PATH ({e.Message}): install cfn-lint 1.x to check template.yaml and forwarder.yaml", e);
        }
    }
}
