using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;
using SigninToSlack.Configuration;

namespace SigninToSlack.Tests.Support;

/// <summary>
/// A local Slack: an incoming webhook, or the Web API under /api/ (<see cref="StartApiAsync"/>). Answers each POST
/// with the next scripted reply (200 "ok", or {"ok":true} for the Web API, once the script runs out) and records
/// what it received, Authorization header included. <see cref="StartRateLimitedAsync"/> makes it a webhook with
/// Slack's rate limit instead: a bucket of a few messages refilled at one a second, 429 with Retry-After beyond it.
/// </summary>
internal sealed class SlackStandIn : IAsyncDisposable
{
    public const string HookPath = "/services/T000/B000/SECRETWEBHOOKTOKEN";

    private readonly ConcurrentQueue<Reply> _script = new();
    private Reply _otherwise = Reply.Ok;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentQueue<string> _accepted = new();
    private LoopbackServer? _server;
    private RateLimit? _limit;

    public Uri WebhookUrl => new(_server!.BaseAddress, HookPath);

    /// <summary>The Web API's base URL, as SLACK_API_URL takes it.</summary>
    public Uri ApiUrl => new(_server!.BaseAddress, "/api/");

    public IReadOnlyList<Received> Requests => [.. _received];

    /// <summary>The bodies of the requests that got a 2xx answer, written in full (a post Slack took).</summary>
    public IReadOnlyList<string> Accepted => [.. _accepted];

    /// <summary>A Slack Web API: each answer is JSON, {"ok":true} unless scripted.</summary>
    public static async Task<SlackStandIn> StartApiAsync(params Reply[] script)
    {
        var standIn = await StartAsync(script);
        standIn._otherwise = Reply.ApiOk;
        return standIn;
    }

    /// <summary>A webhook that takes <paramref name="perSecond"/> messages a second after a burst of <paramref name="burst"/>, and answers 429 with Retry-After past that.</summary>
    public static async Task<SlackStandIn> StartRateLimitedAsync(double perSecond, int burst)
    {
        var standIn = await StartAsync();
        standIn._limit = new RateLimit(perSecond, burst);
        return standIn;
    }

    /// <summary>How many posts the rate limit answered 429.</summary>
    public int Throttled => _limit?.Throttled ?? 0;

    public static async Task<SlackStandIn> StartAsync(params Reply[] script)
    {
        var standIn = new SlackStandIn();
        foreach (var reply in script)
        {
            standIn._script.Enqueue(reply);
        }

        standIn._server = await LoopbackServer.StartAsync(standIn.HandleAsync);
        return standIn;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _received.Enqueue(new Received(context.Request.Path, context.Request.ContentType, body, DateTimeOffset.UtcNow, context.Request.Headers.Authorization.ToString()));
        var reply = _limit?.Take() ?? (_script.TryDequeue(out var next) ? next : _otherwise);
        if (reply.Reset)
        {
            // The connection drops mid-request, as a proxy or a load balancer may drop it.
            context.Abort();
            return;
        }

        if (reply.DelayMs is { } delay)
        {
            await Task.Delay(delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (reply.Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        context.Response.StatusCode = reply.Status;
        if (reply.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = reply.Body.StartsWith('{') ? "application/json; charset=utf-8" : "text/plain";
        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
        if (reply.Status is >= 200 and < 300)
        {
            _accepted.Enqueue(body);
        }
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>A token bucket on the wall clock, as Slack's limit is: a post takes a token or is answered 429 with the seconds until the next.</summary>
    private sealed class RateLimit(double perSecond, int burst)
    {
        private readonly Lock _lock = new();
        private double _tokens = burst;
        private long _at = System.Diagnostics.Stopwatch.GetTimestamp();

        public int Throttled { get; private set; }

        public Reply Take()
        {
            lock (_lock)
            {
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                _tokens = Math.Min(burst, _tokens + (System.Diagnostics.Stopwatch.GetElapsedTime(_at, now).TotalSeconds * perSecond));
                _at = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return Reply.Ok;
                }

                Throttled++;
                return new Reply(429, "rate_limited", RetryAfterSeconds: Math.Max(1, (int)Math.Ceiling((1 - _tokens) / perSecond)));
            }
        }
    }

    /// <summary>One scripted answer.</summary>
    internal sealed record Reply(int Status, string Body, int? RetryAfterSeconds = null, bool Hang = false, int? DelayMs = null, bool Reset = false)
    {
        public static Reply Ok { get; } = new(200, "ok");

        public static Reply Never { get; } = new(0, string.Empty, Hang: true);

        /// <summary>The connection is dropped before any answer.</summary>
        public static Reply Dropped { get; } = new(0, string.Empty, Reset: true);

        public static Reply ApiOk { get; } = new(200, "{\"ok\":true}");

        /// <summary>A Web API logical error: HTTP 200 with ok:false.</summary>
        public static Reply ApiError(string error) => new(200, $$"""{"ok":false,"error":"{{error}}"}""");
    }

    /// <summary>One request as received.</summary>
    internal sealed record Received(string Path, string? ContentType, string Body, DateTimeOffset At, string Authorization = "");
}
