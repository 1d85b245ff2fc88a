using System.Text.Json;
using System.Text;
using PostKind = SigninToSlack.Tests.Support.RuntimeApiServer.PostKind;
using SigninToSlack.Hosting;
using SigninToSlack.Logging;
using SigninToSlack.Configuration;
using SigninToSlack.Tests.App;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Hosting;

[Collection(RuntimeLoopTests.Name)]
public sealed class LambdaHostTests : IAsyncLifetime
{
    private readonly StringWriter _log = new();
    private readonly CancellationTokenSource _stopping = new();
    private RuntimeApiServer _api = null!;
    private HttpClient _http = null!;
    private Task<int>? _loop;

    public async Task InitializeAsync()
    {
        _api = await RuntimeApiServer.StartAsync();
        _http = RuntimeApiClient.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }

        _http.Dispose();
        await _api.DisposeAsync();
        _stopping.Dispose();
        await _log.DisposeAsync();
    }

    private void Run(InvocationHandler handler, LogFormat format = LogFormat.Text, string? runtimeApi = null)
    {
        var logger = new FunctionLogger(TextWriter.Synchronized(_log), format, LogLevel.Info, TimeProvider.System);
        var host = new LambdaHost(new RuntimeApiClient(_http, runtimeApi ?? _api.Address), handler, logger, TimeProvider.System);
        _loop = Task.Run(() => host.RunAsync(_stopping.Token));
    }

    private string[] LogLines() => _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>host:port where nothing listens.</summary>
    private static string ClosedPort() => $"127.0.0.1:{LoopbackPort.Free()}";

    private static DateTimeOffset In(TimeSpan time) => DateTimeOffset.UtcNow + time;

    [Fact]
    public async Task RunAsync_HandlerReturns_PostsItsBodyAsTheResponse()
    {
        Run((invocation, _) => Task.FromResult(Encoding.UTF8.GetBytes("echo:" + Encoding.UTF8.GetString(invocation.Payload))));

        var id = _api.Enqueue("{\"a\":1}", In(TimeSpan.FromSeconds(30)));
        var posted = await _api.NextPostedAsync();

        Assert.Equal(PostKind.Response, posted.Kind);
        Assert.Equal(id, posted.RequestId);
        Assert.Equal("echo:{\"a\":1}", posted.Body);
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_PostsErrorBodyAndTypeHeader()
    {
        Run((_, _) => throw new InvalidDataException("bad event"));

        var id = _api.Enqueue("{}", In(TimeSpan.FromSeconds(30)));
        var posted = await _api.NextPostedAsync();

        Assert.Equal(PostKind.Error, posted.Kind);
        Assert.Equal(id, posted.RequestId);
        Assert.Equal("InvalidDataException", posted.ErrorType);
        Assert.Equal("application/vnd.aws.lambda.error+json", posted.ContentType);
        using var body = JsonDocument.Parse(posted.Body);
        Assert.Equal("bad event", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidDataException", body.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("stackTrace").ValueKind);
    }

    [Fact]
    public async Task RunAsync_SlowHandler_IsCancelledBeforeTheDeadlineAndReportsIt()
    {
        Run(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return [];
        });
        var deadline = In(TimeSpan.FromSeconds(2));

        var id = _api.Enqueue("{}", deadline);
        var posted = await _api.NextPostedAsync();

        Assert.Equal(PostKind.Error, posted.Kind);
        Assert.Equal(id, posted.RequestId);
        Assert.Equal(nameof(DeadlineExceededException), posted.ErrorType);
        Assert.True(DateTimeOffset.UtcNow < deadline, "the error was posted after the deadline");
    }

    [Fact]
    public async Task RunAsync_SeveralInvocations_HandlesEachInTurnAndSurvivesAFailure()
    {
        Run((invocation, _) => Encoding.UTF8.GetString(invocation.Payload) == "\"fail\""
            ? throw new InvalidOperationException("failed on purpose")
            : Task.FromResult(invocation.Payload));

        var ids = new[] { "\"one\"", "\"fail\"", "\"three\"" }.Select(p => _api.Enqueue(p, In(TimeSpan.FromSeconds(30)))).ToList();
        var posted = new[] { await _api.NextPostedAsync(), await _api.NextPostedAsync(), await _api.NextPostedAsync() };

        Assert.Equal(ids, posted.Select(p => p.RequestId));
        Assert.Equal([PostKind.Response, PostKind.Error, PostKind.Response], posted.Select(p => p.Kind));
        Assert.Equal("\"three\"", posted[2].Body);
    }

    [Fact]
    public async Task RunAsync_Invocation_ExportsTraceIdAndLogsRequestIdAsJson()
    {
        string? seenTrace = null;
        Run(
            (_, _) =>
            {
                seenTrace = Environment.GetEnvironmentVariable(LambdaHost.TraceIdVariable);
                throw new InvalidOperationException("logged");
            },
            LogFormat.Json);

        var id = _api.Enqueue("{}", In(TimeSpan.FromSeconds(30)), "Root=1-abc;Parent=def;Sampled=1");
        await _api.NextPostedAsync();

        Assert.Equal("Root=1-abc;Parent=def;Sampled=1", seenTrace);
        var line = _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Single();
        using var record = JsonDocument.Parse(line);
        Assert.Equal(id, record.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("ERROR", record.RootElement.GetProperty("level").GetString());
        Assert.Contains("logged", record.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(record.RootElement.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task RunAsync_RuntimeApiRefusesNext_LogsOneLineAndReturnsOne()
    {
        Run((_, _) => Task.FromResult(Array.Empty<byte>()), runtimeApi: ClosedPort());

        var exit = await _loop!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, exit);
        var line = Assert.Single(LogLines());
        Assert.Contains("Runtime API unreachable for the next invocation (connection refused)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NextAnswersNot200_LogsTheStatusAndReturnsOne()
    {
        await using var broken = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        Run((_, _) => Task.FromResult(Array.Empty<byte>()), runtimeApi: broken.HostAndPort);

        var exit = await _loop!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, exit);
        var line = Assert.Single(LogLines());
        Assert.Contains("Runtime API answered 500 to the next-invocation request", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ResponseRefused_IsLoggedNotPostedAsAnError()
    {
        _api.ResponseStatus = 500;
        Run((invocation, _) => Task.FromResult(invocation.Payload));

        var first = _api.Enqueue("\"one\"", In(TimeSpan.FromSeconds(30)));
        var second = _api.Enqueue("\"two\"", In(TimeSpan.FromSeconds(30)));
        var posted = new[] { await _api.NextPostedAsync(), await _api.NextPostedAsync() };

        // No /error between the two responses: an error would make Lambda retry an invocation whose alert was delivered.
        Assert.Equal([(PostKind.Response, first), (PostKind.Response, second)], posted.Select(p => (p.Kind, p.RequestId)));
        Assert.Contains(LogLines(), line => line.Contains("handled, but the response was not posted: Runtime API answered 500 to the response", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_StoppedDuringInvocation_ReportsTheStopAndReturnsZero()
    {
        var started = new TaskCompletionSource();
        Run(async (_, ct) =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException ex)
            {
                // As the delivery code does: the cancellation comes back as a delivery failure.
                throw new InvalidOperationException("gave up at the invocation deadline", ex);
            }

            return [];
        });

        var id = _api.Enqueue("{}", In(TimeSpan.FromSeconds(30)));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await _stopping.CancelAsync();
        var posted = await _api.NextPostedAsync();
        var exit = await _loop!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((PostKind.Error, id, nameof(FunctionStoppedException)), (posted.Kind, posted.RequestId, posted.ErrorType));
        using var body = JsonDocument.Parse(posted.Body);
        Assert.Equal("function stopped (SIGTERM) before the alert was delivered", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal(0, exit);
    }
}
