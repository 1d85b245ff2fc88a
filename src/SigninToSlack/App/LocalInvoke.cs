using System.Text;
using SigninToSlack.Configuration;
using SigninToSlack.Delivery;
using SigninToSlack.Events;
using SigninToSlack.Processing;

namespace SigninToSlack.App;

/// <summary>
/// <c>invoke &lt;event.json | -&gt; [--dry-run]</c>: runs the deployed code path on a file. Payloads go to standard
/// output (dry run) or to the webhook; one line per event (and per burst summary) goes to standard error, then, for an
/// SQS batch, the batch response. Exit 0 handled, 1 delivery failed (any fault while delivering, always as one line),
/// 2 bad input.
/// </summary>
internal static class LocalInvoke
{
    public const int Handled = 0;
    public const int DeliveryFailed = 1;
    public const int BadInput = 2;

    /// <summary>The local stand-in for the Lambda deadline.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    public const string Usage = "usage: SigninToSlack invoke <event.json | -> [--dry-run]";

    /// <param name="slack">How hard Slack calls try; the defaults unless a test needs them short.</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, Func<string, string?> environment, Stream stdin, TextWriter stdout, TextWriter stderr, TimeProvider timeProvider,
        SlackRetryOptions? slack = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        string? path = null;
        var dryRun = false;
        foreach (var arg in args)
        {
            if (arg == "--dry-run")
            {
                dryRun = true;
            }
            else if (path is null && (arg == "-" || !arg.StartsWith('-')))
            {
                path = arg;
            }
            else
            {
                await stderr.WriteLineAsync($"error: unexpected argument '{arg}'; {Usage}");
                return BadInput;
            }
        }

        if (path is null)
        {
            await stderr.WriteLineAsync($"error: no event file given; {Usage}");
            return BadInput;
        }

        try
        {
            var settings = SettingsReader.Read(environment, requireWebhook: false);
            var input = await ReadAsync(path, stdin);
            using var budget = new CancellationTokenSource(Budget, timeProvider);
            var outbound = dryRun || settings.SlackWebhook is null ? Outbound.Print : Outbound.Workstation;
            using var composition = Composition.Create(settings, environment, timeProvider, outbound, stdout, slack);
            var result = await composition.EntryPoint(null).HandleAsync(input, timeProvider.GetUtcNow() + Budget, budget.Token);
            var outcomes = result.Outcomes;

            foreach (var outcome in outcomes)
            {
                // The first line of an event starts with its severity (or skipped:/failed:); details follow, indented.
                await stderr.WriteLineAsync(outcome.Describe());
                if (dryRun && outcome.Delivery is { } destinations)
                {
                    await stderr.WriteLineAsync(destinations.Describe());
                }

                if (outcome.Delivery?.Note is { } note)
                {
                    await stderr.WriteLineAsync($"  warning: {note}");
                }
            }

            if (result.Response is { } response)
            {
                // What Lambda would be answered (an SQS batch's failures): compact JSON, so one line.
                await stderr.WriteLineAsync($"batch response: {Encoding.UTF8.GetString(response)}");
            }

            return outcomes.Any(o => o is { Kind: OutcomeKind.Failed, Alert: not null }) ? DeliveryFailed
                : outcomes.Any(o => o.Kind == OutcomeKind.Failed) ? BadInput
                : Handled;
        }
        catch (Exception ex) when (ex is EventFormatException or ConfigurationException)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync($"error: gave up after {Budget.TotalSeconds:0} s, the local stand-in for the invocation deadline, before every alert was delivered");
            return DeliveryFailed;
        }
        catch (FunctionException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message.ReplaceLineEndings(" ")}");
            return DeliveryFailed;
        }
        catch (Exception ex)
        {
            // The command line's last line of defence: one line, never a stack trace; the type only, since its message could quote a secret.
            await stderr.WriteLineAsync($"error: unexpected {ex.GetType().Name}; the alert may not have been delivered");
            return DeliveryFailed;
        }
    }

    private static async Task<byte[]> ReadAsync(string path, Stream stdin)
    {
        try
        {
            if (path == "-")
            {
                using var buffer = new MemoryStream();
                await stdin.CopyToAsync(buffer);
                return buffer.ToArray();
            }

            return await File.ReadAllBytesAsync(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EventFormatException($"cannot read {path}: {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.GetType().Name)}", ex);
        }
    }
}
