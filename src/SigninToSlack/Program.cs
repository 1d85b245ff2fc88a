using System.Runtime.InteropServices;
using SigninToSlack.App;

// Lambda's executable-assembly mode runs this program with no arguments and AWS_LAMBDA_RUNTIME_API set;
// on a laptop, "invoke" runs the same code on an event file.
if (args is ["invoke", .. var rest])
{
    return await LocalInvoke.RunAsync(rest, Environment.GetEnvironmentVariable, Console.OpenStandardInput(), Console.Out, Console.Error, TimeProvider.System);
}

if (args is ["--help"] or ["-h"] or ["help"])
{
    Console.WriteLine(LocalInvoke.Usage);
    return 0;
}

var runtimeApi = Environment.GetEnvironmentVariable(FunctionApp.RuntimeApiVariable);
if (args.Length > 0 || string.IsNullOrEmpty(runtimeApi))
{
    await Console.Error.WriteLineAsync($"error: {FunctionApp.RuntimeApiVariable} is not set, so this is not a Lambda environment; {LocalInvoke.Usage}");
    return 2;
}

using var stopping = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});
try
{
    return await FunctionApp.RunAsync(runtimeApi, Environment.GetEnvironmentVariable, Console.Out, TimeProvider.System, stopping.Token);
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    // SIGTERM during start-up: nothing was taken, nothing is lost.
    return 0;
}
catch (Exception ex)
{
    // A fault the loop did not expect still ends as one line, never as a stack trace in the function's log.
    await Console.Out.WriteLineAsync($"error: the function stopped: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
    return 1;
}
