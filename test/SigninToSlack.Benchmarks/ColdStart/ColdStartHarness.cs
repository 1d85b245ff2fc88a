using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using SigninToSlack.Events;

namespace SigninToSlack.Benchmarks.ColdStart;

/// <summary>
/// Starts the published function as Lambda would (a new process per cold start, AWS_LAMBDA_RUNTIME_API set)
/// against a local Runtime API and Slack, and reports, per build, the time from process start to the first
/// response posted and the peak resident memory (VmHWM), as medians over the runs.
/// </summary>
internal static class ColdStartHarness
{
    /// <param name="Executable">The package holds the executable SigninToSlack and no SigninToSlack.dll, so Lambda's bootstrap runs it directly.</param>
    private sealed record Build(string Name, string Folder, string PublishArguments, bool Executable);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var runs = args is ["--runs", var n, ..] ? int.Parse(n, CultureInfo.InvariantCulture) : 15;
        var respond = args.Contains("--respond");
        var root = Repository.Root;
        var rid = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        var output = Path.Combine(root, "artifacts", "coldstart");
        Build[] builds =
        [
            new("JIT (managed, no ReadyToRun)", Path.Combine(output, "jit"), $"-r {rid} --self-contained false -p:PublishReadyToRun=false", false),
            new("ReadyToRun, framework-dependent (managed dotnet10)", Path.Combine(output, "r2r"), $"-r {rid} --self-contained false -p:PublishReadyToRun=true", false),
            new(
                "Default package: self-contained, trimmed, composite ReadyToRun (managed dotnet10)",
                Path.Combine(output, "default"),
                $"-r {rid} --self-contained true -p:PublishSingleFile=true -p:PublishTrimmed=true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true",
                true),
            new("Native AOT (provided.al2023)", Path.Combine(output, "aot"), $"-r {rid} -p:PublishAot=true", true),
        ];

        if (respond)
        {
            // The Respond function answering a Slack button press: what must fit in Slack's 3 seconds.
            builds = [.. builds.Where(b => b.Executable)];
        }

        foreach (var build in builds)
        {
            await PublishAsync(root, build);
        }

        var sample = await File.ReadAllBytesAsync(Path.Combine(root, "events", "root-success.json"));
        using var endpoints = respond ? new LocalEndpoints(RespondScenario.SlackPress) : new LocalEndpoints(sample);
        var report = new StringBuilder();
        report.AppendLine(respond
            ? string.Create(CultureInfo.InvariantCulture, $"Respond function, cold start: process start to its answer to a signed Slack button press (handed to an asynchronous invocation); peak RSS (VmHWM). Median of {runs} runs, {rid}, {Environment.ProcessorCount} cores.")
            : string.Create(CultureInfo.InvariantCulture, $"Cold start: process start to first response posted; peak RSS (VmHWM). Median of {runs} runs, event root-success.json, {rid}, {Environment.ProcessorCount} cores."));
        report.AppendLine();
        report.AppendLine("| Build | Start to response, median | p90 | Peak RSS, median |");
        report.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var build in builds)
        {
            // One unmeasured start warms the file cache, as a real cold start finds the package on local disk.
            await StartOnceAsync(build, endpoints, respond);
            var times = new List<double>();
            var peaks = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var (ms, rssMb) = await StartOnceAsync(build, endpoints, respond);
                times.Add(ms);
                peaks.Add(rssMb);
            }

            times.Sort();
            peaks.Sort();
            report.AppendLine(CultureInfo.InvariantCulture, $"| {build.Name} | {Median(times):0.0} ms | {Percentile(times, 0.9):0.0} ms | {Median(peaks):0.0} MB |");
        }

        Console.WriteLine(report.ToString());
        Console.WriteLine(respond
            ? string.Create(CultureInfo.InvariantCulture, $"Button presses handed to an asynchronous invocation: {endpoints.Deferred} (one per start)")
            : string.Create(CultureInfo.InvariantCulture, $"Slack posts received: {endpoints.SlackPosts} (one per start)"));
        return 0;
    }

    private static async Task<(double Milliseconds, double PeakRssMb)> StartOnceAsync(Build build, LocalEndpoints endpoints, bool respond)
    {
        var start = build.Executable
            ? new ProcessStartInfo(Path.Combine(build.Folder, "SigninToSlack"))
            : new ProcessStartInfo("dotnet") { ArgumentList = { "exec", Path.Combine(build.Folder, "SigninToSlack.dll") } };
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = endpoints.RuntimeApi;
        start.Environment["SLACK_WEBHOOK"] = endpoints.Webhook;
        start.Environment["SLACK_EXTRA_HOSTS"] = "127.0.0.1"; // the webhook is the loopback stand-in
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512";
        if (respond)
        {
            foreach (var (name, value) in RespondScenario.Environment(endpoints.AwsEndpoint))
            {
                start.Environment[name] = value;
            }
        }

        var responded = endpoints.NextResponse();
        var began = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var at = await responded.WaitAsync(TimeSpan.FromSeconds(30));

        // The process now waits for its next invocation: its peak so far is the cold start's.
        var peak = PeakRssMb(process.Id);
        process.Kill();
        await process.WaitForExitAsync();
        return (Stopwatch.GetElapsedTime(began, at).TotalMilliseconds, peak);
    }

    private static double PeakRssMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = double.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024;
            }
        }

        return double.NaN;
    }

    private static async Task PublishAsync(string root, Build build)
    {
        Console.WriteLine($"publishing {build.Name} to {build.Folder}");
        var publish = new ProcessStartInfo("dotnet", $"publish src/SigninToSlack -c Release {build.PublishArguments} -o \"{build.Folder}\"")
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(publish)!;
        var log = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"publish of {build.Name} failed:\n{log}");
        }
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
