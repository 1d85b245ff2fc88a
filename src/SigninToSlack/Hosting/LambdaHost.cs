using SigninToSlack.Logging;
using SigninToSlack.Serialization;

namespace SigninToSlack.Hosting;

/// <summary>
/// The Runtime API loop: one invocation at a time, each cancelled shortly before its deadline so that an error
/// can still be reported, and a failed invocation never ends the loop.
/// </summary>
internal sealed class LambdaHost(RuntimeApiClient runtime, InvocationHandler handler, FunctionLogger log, TimeProvider timeProvider)
{
    /// <summary>Time kept back from the deadline to post the error before Lambda ends the process.</summary>
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(500);

    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    /// <summary>How long the host waits for the Runtime API to take a response or an error, whatever else is cancelled.</summary>
    public static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Runs until <paramref name="stopping"/> is cancelled (SIGTERM), or until the Runtime API fails.</summary>
    /// <returns>0 when stopped; 1 when the Runtime API could not give the next invocation (it is gone: nothing else can be done).</returns>
    public async Task<int> RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Invocation invocation;
            try
            {
                invocation = await runtime.NextAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stopped while waiting for an invocation: nothing is lost.
                break;
            }
            catch (RuntimeApiException ex)
            {
                log.Error($"stopping: {ex.Message}");
                return 1;
            }

            await HandleAsync(invocation, stopping);
        }

        return 0;
    }

    private async Task HandleAsync(Invocation invocation, CancellationToken stopping)
    {
        log.RequestId = invocation.RequestId;
        Environment.SetEnvironmentVariable(TraceIdVariable, invocation.TraceId);
        // Lambda allows at most 15 minutes; a missing deadline header is treated as that.
        var remaining = invocation.Deadline == DateTimeOffset.MaxValue
            ? TimeSpan.FromMinutes(15)
            : invocation.CancelAt - timeProvider.GetUtcNow();
        using var deadline = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopping);
        try
        {
            byte[] response;
            try
            {
                response = await handler(invocation, linked.Token);
            }
            catch (Exception ex) when (stopping.IsCancellationRequested)
            {
                // Whatever the handler made of the cancellation, the cause is the stop.
                await FailAsync(invocation, new FunctionStoppedException("function stopped (SIGTERM) before the alert was delivered", ex));
                return;
            }
            catch (OperationCanceledException ex) when (deadline.IsCancellationRequested)
            {
                await FailAsync(invocation, new DeadlineExceededException("the invocation deadline came before the alert was delivered", ex));
                return;
            }
            catch (Exception ex)
            {
                await FailAsync(invocation, ex);
                return;
            }

            // The alert is out: a response the Runtime API does not take is logged, never turned into an error,
            // which would make Lambda retry the invocation and post the alert twice.
            try
            {
                using var report = new CancellationTokenSource(ReportTimeout, timeProvider);
                await runtime.RespondAsync(invocation.RequestId, response, report.Token);
            }
            catch (Exception ex) when (ex is RuntimeApiException or OperationCanceledException)
            {
                log.Error($"handled, but the response was not posted: {(ex is RuntimeApiException ? ex.Message : "Runtime API did not answer in time")}");
            }
        }
        finally
        {
            log.RequestId = null;
        }
    }

    /// <summary>Logs the failure and reports it, with a budget of its own: a stop must not keep the error from Lambda.</summary>
    private async Task FailAsync(Invocation invocation, Exception ex)
    {
        log.Error($"invocation failed: {ex.GetType().Name}: {ex.Message}");
        try
        {
            using var report = new CancellationTokenSource(ReportTimeout, timeProvider);
            await runtime.FailAsync(invocation.RequestId, ErrorBody.From(ex), report.Token);
        }
        catch (Exception postError) when (postError is RuntimeApiException or OperationCanceledException)
        {
            log.Error($"could not report the error to the Runtime API: {(postError is RuntimeApiException ? postError.Message : "it did not answer in time")}");
        }
    }
}
