using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using SigninToSlack.Secrets;

namespace SigninToSlack.Slack;

/// <summary>
/// Posts payloads to one incoming webhook. Success is a 2xx answer; 429 waits for Retry-After, 5xx, timeouts
/// and connection failures back off and retry, and any other answer fails at once.
/// </summary>
internal sealed class SlackWebhookClient : IPayloadSink
{
    private static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
    private static readonly ResiliencePropertyKey<string> LastProblem = new("slack.last-problem");

    private readonly HttpClient _http;
    private readonly ISecret<Uri> _webhook;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public SlackWebhookClient(HttpClient http, Uri webhook, WebhookOptions options, TimeProvider timeProvider)
        : this(http, new PlainSecret<Uri>(webhook), options, timeProvider)
    {
    }

    /// <param name="webhook">The webhook, resolved once per delivery (a stored one comes from the secrets cache).</param>
    public SlackWebhookClient(HttpClient http, ISecret<Uri> webhook, WebhookOptions options, TimeProvider timeProvider)
    {
        _http = http;
        _webhook = webhook;
        _options = options;
        _time = timeProvider;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
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

    /// <summary>The handler every webhook client shares: pooled connections that are renewed, and no redirects that could carry the payload elsewhere.</summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task DeliverAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var webhook = await WebhookAsync(cancellationToken);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            response = await _pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, state.Webhook)
                    {
                        Content = new ReadOnlyMemoryContent(state.Payload) { Headers = { ContentType = Json } },
                    };
                    return await state.Self._http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ctx.CancellationToken);
                },
                context,
                (Self: this, Webhook: webhook, Payload: payload));

            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var answer = await Answer(response, cancellationToken);
            throw new SlackDeliveryException(response.StatusCode == HttpStatusCode.TooManyRequests
                ? $"Slack webhook answered {answer} with Retry-After {WaitFor(response).TotalSeconds:0} s, longer than the {_options.MaxRetryAfter.TotalSeconds:0} s this function waits"
                : $"Slack webhook answered {answer}{Last(context, " after retries")}");
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new SlackDeliveryException($"Slack webhook: gave up at the invocation deadline{Last(context)}", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new SlackDeliveryException($"Slack webhook did not answer within {_options.AttemptTimeout.TotalSeconds:0.#} s, {_options.MaxRetries + 1} attempts", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new SlackDeliveryException($"Slack webhook unreachable ({ex.HttpRequestError}) after {_options.MaxRetries + 1} attempts", ex);
        }
        finally
        {
            response?.Dispose();
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>A webhook that cannot be resolved fails the delivery like one that cannot be reached; the message names the reference only.</summary>
    private async ValueTask<Uri> WebhookAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _webhook.GetAsync(cancellationToken);
        }
        catch (SecretResolutionException ex)
        {
            throw new SlackDeliveryException(ex.Message, ex);
        }
    }

    private bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => WaitFor(outcome.Result) <= _options.MaxRetryAfter,
        { Result: { } response } => (int)response.StatusCode >= 500,
        _ => false,
    };

    /// <summary>Slack's Retry-After on 429; null lets the backoff decide.</summary>
    private TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response ? WaitFor(response) : null;

    private TimeSpan WaitFor(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > _time.GetUtcNow() => date - _time.GetUtcNow(),
        _ => TimeSpan.FromSeconds(1),
    };

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => "timeout",
        { Exception: HttpRequestException ex } => $"unreachable ({ex.HttpRequestError})",
        { Result: { } response } => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
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
        return line.IsEmpty ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{status} {line}";
    }
}
