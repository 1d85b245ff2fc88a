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
/// names the call, never its URL. The first attempt goes straight to the client: most calls are answered at once, so
/// the retry pipeline is built, and its code run, only for a call whose first outcome is worth a retry, and it then
/// starts from that outcome.
/// </summary>
internal sealed class SlackSender
{
    private static readonly ResiliencePropertyKey<string> LastProblem = new("slack.last-problem");
    private static readonly ResiliencePropertyKey<DateTimeOffset> Deadline = new("slack.deadline");

    private readonly HttpClient _http;
    private readonly SlackRetryOptions _options;
    private readonly TimeProvider _time;
    private ResiliencePipeline<HttpResponseMessage>? _pipeline;

    public SlackSender(HttpClient http, SlackRetryOptions options, TimeProvider timeProvider)
    {
        _http = http;
        _options = options;
        _time = timeProvider;
    }

    /// <summary>The retries after a first attempt that failed; built on first use (two racing calls may each build one, which is harmless).</summary>
    private ResiliencePipeline<HttpResponseMessage> Pipeline => _pipeline ??= new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = _options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.BaseDelay,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.Properties.GetValue(Deadline, DateTimeOffset.MaxValue))),
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome)),
            OnRetry = args =>
            {
                args.Context.Properties.Set(LastProblem, Describe(args.Outcome));
                return ValueTask.CompletedTask;
            },
        })
        .AddTimeout(_options.AttemptTimeout)
        .Build();

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
    /// <remarks>Not generic, so that its code is compiled ahead of time (ReadyToRun) rather than at the first alert.</remarks>
    /// <param name="what">The call, as messages name it: "Slack webhook", "Slack chat.postMessage".</param>
    /// <param name="deadline">When the caller's cancellation will come (the invocation's deadline): a Retry-After past it fails at once, while the error can still be reported.</param>
    /// <exception cref="SlackDeliveryException">No 2xx answer within the retries and the caller's cancellation.</exception>
    public async Task<string> SendAsync(
        string what, Func<HttpRequestMessage> create, bool readBody, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ResilienceContext? context = null;
        HttpResponseMessage? response = null;
        try
        {
            // The first attempt, with its own timeout, outside the pipeline (written out here: one async layer less
            // before the first alert). Its outcome is what the pipeline's timeout would have made of it.
            Outcome<HttpResponseMessage> first;
            using (var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time))
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            using (var request = create())
            {
                try
                {
                    first = Outcome.FromResult(await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attempt.Token));
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    first = Outcome.FromException<HttpResponseMessage>(timeout.IsCancellationRequested
                        ? new TimeoutRejectedException("the attempt timed out", _options.AttemptTimeout, ex)
                        : NoConnection(ex));
                }
                catch (HttpRequestException ex)
                {
                    first = Outcome.FromException<HttpResponseMessage>(ex);
                }
            }

            if (_options.MaxRetries > 0 && IsTransient(first, deadline))
            {
                context = ResilienceContextPool.Shared.Get(cancellationToken);
                context.Properties.Set(Deadline, deadline);
                response = await Pipeline.ExecuteAsync(static (ctx, retry) => retry.AttemptAsync(ctx.CancellationToken), context, new Retry(this, create, first));
            }
            else
            {
                first.ThrowIfException();
                response = first.Result!;
            }

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
            if (context is not null)
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
    }

    /// <summary>
    /// Neither the caller nor the attempt's timeout cancelled: SocketsHttpHandler's ConnectTimeout did, because the
    /// handshake never completed. A transient fault like any unreachable host.
    /// </summary>
    private static TimeoutException NoConnection(OperationCanceledException ex) => new("no connection", ex);

    private bool IsTransient(Outcome<HttpResponseMessage> outcome, DateTimeOffset deadline) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or TimeoutException } => true,
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => WaitFor(outcome.Result) is var wait
            && wait <= _options.MaxRetryAfter
            && !PastDeadline(wait, deadline),
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

    private static string Last(ResilienceContext? context, string? retried = null) =>
        context is not null && context.Properties.TryGetValue(LastProblem, out var last) ? retried ?? $" (last failed attempt: {last})" : string.Empty;

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

    /// <summary>The attempts the pipeline runs: the first one's outcome, already known, then new requests.</summary>
    private sealed class Retry(SlackSender sender, Func<HttpRequestMessage> create, Outcome<HttpResponseMessage> first)
    {
        private bool _replayed;

        public async ValueTask<HttpResponseMessage> AttemptAsync(CancellationToken cancellationToken)
        {
            if (!_replayed)
            {
                _replayed = true;
                first.ThrowIfException();
                return first.Result!;
            }

            using var request = create();
            try
            {
                return await sender._http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw NoConnection(ex);
            }
        }
    }
}
