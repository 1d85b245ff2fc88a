using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SigninToSlack.Tests.Support;

/// <summary>
/// A local Slack incoming webhook: answers each POST with the next scripted reply (200 "ok" once the script
/// runs out) and records what it received.
/// </summary>
internal sealed class SlackStandIn : IAsyncDisposable
{
    public const string HookPath = "/services/T000/B000/SECRETWEBHOOKTOKEN";

    private readonly ConcurrentQueue<Reply> _script = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private LoopbackServer? _server;

    public Uri WebhookUrl => new(_server!.BaseAddress, HookPath);

    public IReadOnlyList<Received> Requests => [.. _received];

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
        _received.Enqueue(new Received(context.Request.Path, context.Request.ContentType, body, DateTimeOffset.UtcNow));
        var reply = _script.TryDequeue(out var next) ? next : Reply.Ok;
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

        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>One scripted answer.</summary>
    internal sealed record Reply(int Status, string Body, int? RetryAfterSeconds = null, bool Hang = false)
    {
        public static Reply Ok { get; } = new(200, "ok");

        public static Reply Never { get; } = new(0, string.Empty, Hang: true);
    }

    /// <summary>One request as received.</summary>
    internal sealed record Received(string Path, string? ContentType, string Body, DateTimeOffset At);
}
