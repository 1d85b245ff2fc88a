using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using SigninToSlack.Tests.Delivery;

namespace SigninToSlack.Tests.Support;

/// <summary>
/// A local Lambda Runtime API (2018-06-01) on 127.0.0.1: hands out queued invocations on GET next and records
/// every response, invocation error and init error the function posts.
/// </summary>
internal sealed class RuntimeApiServer : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime/";

    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>();
    private readonly Channel<Posted> _posted = Channel.CreateUnbounded<Posted>();
    private LoopbackServer? _server;
    private int _next;

    /// <summary>The status answered to each posted response (recorded all the same); 202 as Lambda answers, unless a test sets another.</summary>
    public int ResponseStatus { get; set; } = 202;

    /// <summary>The value for AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address => _server!.HostAndPort;

    public static async Task<RuntimeApiServer> StartAsync()
    {
        var server = new RuntimeApiServer();
        server._server = await LoopbackServer.StartAsync(server.HandleAsync);
        return server;
    }

    /// <summary>Queues one invocation and returns its request id.</summary>
    public string Enqueue(string payload, DateTimeOffset deadline, string? traceId = null)
    {
        var id = $"req-{Interlocked.Increment(ref _next)}";
        _pending.Writer.TryWrite(new Pending(id, payload, deadline, traceId));
        return id;
    }

    /// <summary>The next thing the function posted, in order.</summary>
    public async Task<Posted> NextPostedAsync(TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        return await _posted.Reader.ReadAsync(wait.Token);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var route = path[Prefix.Length..];
        if (HttpMethods.IsGet(context.Request.Method) && route == "invocation/next")
        {
            Pending next;
            try
            {
                next = await _pending.Reader.ReadAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var headers = context.Response.Headers;
            headers["Lambda-Runtime-Aws-Request-Id"] = next.RequestId;
            headers["Lambda-Runtime-Deadline-Ms"] = next.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:111122223333:function:signin-to-slack";
            if (next.TraceId is not null)
            {
                headers["Lambda-Runtime-Trace-Id"] = next.TraceId;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(next.Payload);
            return;
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var kind = route == "init/error" ? PostKind.InitError
            : route.EndsWith("/response", StringComparison.Ordinal) ? PostKind.Response
            : route.EndsWith("/error", StringComparison.Ordinal) ? PostKind.Error
            : (PostKind?)null;
        if (kind is null || !HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var requestId = kind == PostKind.InitError ? null : route["invocation/".Length..route.LastIndexOf('/')];
        _posted.Writer.TryWrite(new Posted(
            kind.Value,
            requestId,
            body,
            context.Request.ContentType,
            context.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString()));
        context.Response.StatusCode = kind == PostKind.Response ? ResponseStatus : 202;
        await context.Response.WriteAsync(context.Response.StatusCode == 202 ? "{\"status\":\"OK\"}" : "{\"errorType\":\"Failed\"}");
    }

    public ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        return _server?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private sealed record Pending(string RequestId, string Payload, DateTimeOffset Deadline, string? TraceId);

    /// <summary>What the function posted.</summary>
    internal enum PostKind
    {
        Response,
        Error,
        InitError,
    }

    /// <summary>One post from the function.</summary>
    internal sealed record Posted(PostKind Kind, string? RequestId, string Body, string? ContentType, string ErrorType);
}
