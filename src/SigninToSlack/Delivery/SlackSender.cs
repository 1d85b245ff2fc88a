using System.Globalization;
using System.Net;
using Polly.Retry;
using Polly.Timeout;
using Polly;

namespace SigninToSlack.Delivery;

/// <summary>
/// Sends one request to Slack with the retries every Slack call shares: 429 waits for Retry-After (unless that is
/// past the caller's deadline), 5xx, timeouts, connection failures and handshakes that never complete back off and
/// retry, any other answer ends at once. Every failure ends as a <see cref="SlackDeliveryException"/> whose message
/// names the call, never its URL.
/// </summary>
internal sealed class SlackSender
{
    private static readonly ResiliencePropertyKey<string> LastProblem = new("slack.last-problem");
    private static readonly ResiliencePropertyKey<DateTimeOffset> Deadline = new("slack.deadline");

    private readonly HttpClient _http;
    private readonly SlackRetryOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public SlackSender(HttpClient http, SlackRetryOptions options, TimeProvider timeProvider)
    {
        _http = http;
        _options = options;
        _time = timeProvider;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome)),
                OnRetry = args =>
                {
                    args.Context.Properties.Set(LastProblem, Describe(args.Outcome));
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>
    /// The handler every outbound call shares (Slack, and AWS for stored secrets): pooled connections that are renewed,
    /// a bounded handshake (<see cref="SlackRetryOptions.ConnectTimeout"/>), and no redirects that could carry the
    /// payload elsewhere.
    /// </summary>
    public static HttpClient CreateHttpClient(SlackRetryOptions? options = null) => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = (options ?? new SlackRetryOptions()).ConnectTimeout,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Sends the request <paramref name="create"/> makes (once per attempt); returns the body of the 2xx answer, or empty unless <paramref name="readBody"/>.</summary>
    /// <param name="what">The call, as messages name it: "Slack webhook", "Slack chat.postMessage".</param>
    /// <param name="deadline">When the caller's cancellation will come (the invocation's deadline): a Retry-After past it fails at once, while the error can still be reported.</param>
    /// <exception cref="SlackDeliveryException">No 2xx answer within the retries and the caller's cancellation.</exception>
    public async Task<string> SendAsync<TState>(
        string what, Func<TState, HttpRequestMessage> create, TState state, bool readBody, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Deadline, deadline);
        HttpResponseMessage? response = null;
        try
        {
            response = await _pipeline.ExecuteAsync(
                static async (ctx, s) =>
                {
                    using var request = s.Create(s.State);
                    try
                    {
                        return await s.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ctx.CancellationToken);
                    }
                    catch (OperationCanceledException ex) when (!ctx.CancellationToken.IsCancellationRequested)
                    {
                        // Neither the caller nor the attempt's timeout cancelled: SocketsHttpHandler's ConnectTimeout did,
                        // because the handshake never completed. A transient fault like any unreachable host.
                        throw new TimeoutException("no connection", ex);
                    }
                },
                context,
                (Http: _http, Create: create, State: state));

            if (response.IsSuccessStatusCode)
            {
                return readBody ? await response.Content.ReadAsStringAsync(cancellationToken) : string.Empty;
            }

            var answer = await Answer(response, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var wait = WaitFor(response);
                throw new SlackDeliveryException(
                    wait > _options.MaxRetryAfter ? $"{what} answered {answer} with Retry-After {Seconds(wait)} s, longer than the {Seconds(_options.MaxRetryAfter)} s this function waits"
                    : PastDeadline(wait, deadline) ? $"{what}: rate limited, Retry-After {Seconds(wait)} s is past the invocation deadline"
                    : $"{what} answered {answer} after {_options.MaxRetries + 1} attempts") { Status = (int)response.StatusCode };
            }

            throw new SlackDeliveryException($"{what} answered {answer}{Last(context, " after retries")}") { Status = (int)response.StatusCode };
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new SlackDeliveryException($"{what}: gave up at the invocation deadline{Last(context)}", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new SlackDeliveryException($"{what} did not answer within {Seconds(_options.AttemptTimeout)} s, {_options.MaxRetries + 1} attempts", ex);
        }
        catch (TimeoutException ex)
        {
            throw new SlackDeliveryException($"{what}: no connection within {Seconds(_options.ConnectTimeout)} s, {_options.MaxRetries + 1} attempts", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new SlackDeliveryException($"{what} unreachable ({ex.HttpRequestError}) after {_options.MaxRetries + 1} attempts", ex);
        }
        finally
        {
            response?.Dispose();
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private bool IsTransient(Outcome<HttpResponseMessage> outcome, ResilienceContext context) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or TimeoutException } => true,
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => WaitFor(outcome.Result) is var wait
            && wait <= _options.MaxRetryAfter
            && !PastDeadline(wait, context.Properties.GetValue(Deadline, DateTimeOffset.MaxValue)),
        { Result: { } response } => (int)response.StatusCode >= 500,
        _ => false,
    };

    /// <summary>Whether waiting <paramref name="wait"/> from now would reach the caller's deadline.</summary>
    private bool PastDeadline(TimeSpan wait, DateTimeOffset deadline) =>
        deadline != DateTimeOffset.MaxValue && _time.GetUtcNow() + wait >= deadline;

    /// <summary>Seconds as messages show them: "5", "0.3".</summary>
    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Slack's Retry-After on 429; null lets the backoff decide.</summary>
    private TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response ? WaitFor(response) : null;

    private TimeSpan WaitFor(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > _time.GetUtcNow() => date - _time.GetUtcNow(),
        _ => TimeSpan.FromSeconds(1),
    };

    private string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => "timeout",
        { Exception: TimeoutException } => $"no connection within {Seconds(_options.ConnectTimeout)} s",
        { Exception: HttpRequestException ex } => $"unreachable ({ex.HttpRequestError})",
        { Result: { } response } => ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
        _ => "error",
    };

    private static string Last(ResilienceContext context, string? retried = null) =>
        context.Properties.TryGetValue(LastProblem, out var last) ? retried ?? $" (last failed attempt: {last})" : string.Empty;

    /// <summary>Status and the first line of Slack's plain-text answer, e.g. "404 channel_not_found".</summary>
    private static async Task<string> Answer(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            body = string.Empty;
        }

        var line = body.AsSpan().Trim();
        var end = line.IndexOfAny('\r', '\n');
        if (end >= 0)
        {
            line = line[..end];
        }

        if (line.Length > 200)
        {
            line = line[..200];
        }

        var status = (int)response.StatusCode;
        return line.IsEmpty ? status.ToString(CultureInfo.InvariantCulture) : $"{status} {line}";
    }
}
