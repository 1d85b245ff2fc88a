using System.Diagnostics;
using System.Text;
using SigninToSlack.Tests.Aws;

namespace SigninToSlack.Tests.Support;

/// <summary>The built function started as Lambda's managed runtime starts it: <c>dotnet exec SigninToSlack.dll</c>.</summary>
internal sealed class FunctionProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private FunctionProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static FunctionProcess Start(IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "exec", Path.Combine(AppContext.BaseDirectory, "SigninToSlack.dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys.Where(IsSetting).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var function = new FunctionProcess(new Process { StartInfo = start });
        function._process.OutputDataReceived += function.Collect;
        function._process.ErrorDataReceived += function.Collect;
        function._process.Start();
        function._process.BeginOutputReadLine();
        function._process.BeginErrorReadLine();
        return function;
    }

    /// <summary>What the function reads, so that nothing from the machine running the tests (its AWS credentials, say) leaks in.</summary>
    private static bool IsSetting(string name) =>
        name is "SLACK_WEBHOOK" or "SLACK_EXTRA_HOSTS" or "SIGNIN_HANDLER" or "SIGNIN_STATE_TABLE" or "SECRETS_CACHE_TTL_SECONDS" or "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT"
        || name.StartsWith("AWS_", StringComparison.Ordinal);

    /// <summary>Sends SIGTERM, as Lambda does when it shuts the execution environment down.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    private void Collect(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is not null)
        {
            lock (_output)
            {
                _output.AppendLine(e.Data);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
