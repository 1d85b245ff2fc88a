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

    /// <summary>Runs until <paramref name="stopping"/> is cancelled (Lambda itself never stops it: it freezes and ends the process).</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await HandleAsync(await runtime.NextAsync(stopping), stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped while waiting for, or answering, an invocation.
        }
    }

    private async Task HandleAsync(Invocation invocation, CancellationToken stopping)
    {
        log.RequestId = invocation.RequestId;
        Environment.SetEnvironmentVariable(TraceIdVariable, invocation.TraceId);
        // Lambda allows at most 15 minutes; a missing deadline header is treated as that.
        var remaining = invocation.Deadline == DateTimeOffset.MaxValue
            ? TimeSpan.FromMinutes(15)
            : invocation.Deadline - timeProvider.GetUtcNow() - DeadlineMargin;
        using var deadline = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopping);
        try
        {
            byte[] response;
            try
            {
                response = await handler(invocation, linked.Token);
            }
            catch (OperationCanceledException ex) when (deadline.IsCancellationRequested)
            {
                throw new DeadlineExceededException("the invocation deadline came before the alert was delivered", ex);
            }

            await runtime.RespondAsync(invocation.RequestId, response, stopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            log.Error($"invocation failed: {ex.GetType().Name}: {ex.Message}");
            try
            {
                await runtime.FailAsync(invocation.RequestId, ErrorBody.From(ex), stopping);
            }
            catch (HttpRequestException postError)
            {
                log.Error($"could not report the error to the Runtime API: {postError.HttpRequestError}");
            }
        }
        finally
        {
            log.RequestId = null;
        }
    }
}
