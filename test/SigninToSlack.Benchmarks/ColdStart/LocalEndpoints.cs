using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Net;
using System.Text;

namespace SigninToSlack.Benchmarks.ColdStart;

/// <summary>
/// A Lambda Runtime API and a Slack webhook on 127.0.0.1, in one small HttpListener server: hands out one
/// invocation per start and records when the function posts its response.
/// </summary>
internal sealed class LocalEndpoints : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<byte[]> _event;
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource<long> _responded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _invocation;

    public LocalEndpoints(byte[] eventJson)
        : this(() => eventJson)
    {
    }

    /// <param name="eventFor">Makes each invocation's event (a signed Slack request must be fresh).</param>
    public LocalEndpoints(Func<byte[]> eventFor)
    {
        _event = eventFor;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string RuntimeApi => $"127.0.0.1:{Port}";

    public string Webhook => $"http://127.0.0.1:{Port}/slack/hook";

    public int SlackPosts { get; private set; }

    /// <summary>Lambda Invoke calls (the Respond function handing a button press to an asynchronous invocation), answered 202.</summary>
    public int Deferred { get; private set; }

    /// <summary>What AWS_ENDPOINT_URL points at: this server, so that nothing leaves the machine.</summary>
    public string AwsEndpoint => $"http://127.0.0.1:{Port}/";

    /// <summary>Arms the server for the next start; the task completes with the Stopwatch timestamp of the response post.</summary>
    public Task<long> NextResponse()
    {
        _responded = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _responded.Task;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var response = context.Response;
        if (path.EndsWith("/invocation/next", StringComparison.Ordinal))
        {
            var id = Interlocked.Increment(ref _invocation).ToString(CultureInfo.InvariantCulture);
            response.Headers["Lambda-Runtime-Aws-Request-Id"] = "cold-" + id;
            response.Headers["Lambda-Runtime-Deadline-Ms"] = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 30_000).ToString(CultureInfo.InvariantCulture);
            response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:111122223333:function:signin-to-slack";
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(_event());
        }
        else if (path.StartsWith("/slack/", StringComparison.Ordinal))
        {
            await context.Request.InputStream.CopyToAsync(Stream.Null);
            SlackPosts++;
            await response.OutputStream.WriteAsync("ok"u8.ToArray());
        }
        else if (path.StartsWith("/2015-03-31/functions/", StringComparison.Ordinal))
        {
            await context.Request.InputStream.CopyToAsync(Stream.Null);
            Deferred++;
            response.StatusCode = 202;
        }
        else
        {
            await context.Request.InputStream.CopyToAsync(Stream.Null);
            var now = Stopwatch.GetTimestamp();
            response.StatusCode = 202;
            if (path.EndsWith("/response", StringComparison.Ordinal))
            {
                _responded.TrySetResult(now);
            }
            else
            {
                _responded.TrySetException(new InvalidOperationException("the function reported an error: " + path));
            }
        }

        response.Close();
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }
}
