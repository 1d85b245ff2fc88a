using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;

namespace SigninToSlack.Tests.Support;

/// <summary>
/// One moto_server for a test collection: the one named by MOTO_ENDPOINT (CI starts it), or one
/// started here on a free loopback port. Tests share it, so each one names its resources uniquely.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class MotoServer : ICollectionFixture<MotoServer>, IAsyncLifetime, IDisposable
{
    public const string Collection = "moto_server";
    public const string EndpointVariable = "MOTO_ENDPOINT";
    public const string Region = "us-east-1";

    /// <summary>Content type of the AWS JSON 1.0 protocol (SQS, DynamoDB).</summary>
    public const string Json10 = "application/x-amz-json-1.0";

    /// <summary>Content type of the AWS JSON 1.1 protocol (EventBridge, SSM, Secrets Manager).</summary>
    public const string Json11 = "application/x-amz-json-1.1";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly StringBuilder _output = new();
    private readonly IReadOnlyDictionary<string, string>? _environment;
    private Process? _process;
    private Uri? _endpoint;

    /// <summary>The shared server (xunit's collection fixture).</summary>
    public MotoServer()
    {
    }

    private MotoServer(IReadOnlyDictionary<string, string> environment) => _environment = environment;

    public Uri Endpoint => _endpoint ?? throw new InvalidOperationException("moto_server has not been started");

    /// <summary>
    /// A moto_server of the caller's own, never the shared one, started with extra environment variables (e.g.
    /// INITIAL_NO_AUTH_ACTION_COUNT, which turns on request authentication for the whole server). Dispose it.
    /// </summary>
    public static async Task<MotoServer> StartOwnAsync(IReadOnlyDictionary<string, string> environment)
    {
        var server = new MotoServer(environment);
        try
        {
            await server.InitializeAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            server.Dispose();
            throw;
        }
    }

    public async Task InitializeAsync()
    {
        var configured = _environment is null ? Environment.GetEnvironmentVariable(EndpointVariable) : null;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _endpoint = new Uri(configured.Trim());
        }
        else
        {
            // A free port can be taken by another server before moto binds it; then moto exits and the
            // server answering there is not ours. Try again on another port.
            for (var attempt = 1; ; attempt++)
            {
                var port = LoopbackPort.Free();
                _endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
                _process = Start(port);
                try
                {
                    await WaitUntilAnsweringAsync();
                    return;
                }
                catch (InvalidOperationException) when (attempt < 3 && _process.HasExited)
                {
                    _process.Dispose();
                    _process = null;
                }
            }
        }

        await WaitUntilAnsweringAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            // moto_server is often a shim script that starts python: end the whole tree.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Called by xunit after <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Calls one operation of an AWS JSON-protocol service, e.g. ("events", "AWSEvents.PutRule", <see cref="Json11"/>).
    /// moto routes by the credential scope of the Authorization header and does not check the signature.
    /// </summary>
    /// <param name="signingName">The service's signing name, as in the credential scope: events, sqs, ssm, secretsmanager.</param>
    /// <exception cref="HttpRequestException">moto answered with an error; the message holds its body.</exception>
    public async Task<JsonElement> CallAsync(string signingName, string target, string contentType, JsonObject request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        message.Headers.TryAddWithoutValidation("X-Amz-Date", "20260101T000000Z");
        message.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential=testing/20260101/{Region}/{signingName}/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000");
        message.Content = new StringContent(request.ToJsonString(), Encoding.UTF8);
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        using var response = await _http.SendAsync(message, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"moto_server answered {target} with {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }

        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
        return document.RootElement.Clone();
    }

    /// <summary>Creates a table shaped like the function's state table: partition key <c>id</c> (string), on demand.</summary>
    public Task<JsonElement> CreateStateTableAsync(string name) =>
        CallAsync("dynamodb", "DynamoDB_20120810.CreateTable", Json10, new JsonObject
        {
            ["TableName"] = name,
            ["AttributeDefinitions"] = new JsonArray(new JsonObject { ["AttributeName"] = "id", ["AttributeType"] = "S" }),
            ["KeySchema"] = new JsonArray(new JsonObject { ["AttributeName"] = "id", ["KeyType"] = "HASH" }),
            ["BillingMode"] = "PAY_PER_REQUEST",
        }, CancellationToken.None);

    private Process Start(int port)
    {
        var start = new ProcessStartInfo("moto_server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-H");
        start.ArgumentList.Add("127.0.0.1");
        start.ArgumentList.Add("-p");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in _environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException(
                $"moto_server was not found on PATH ({e.Message}). Install moto 5 with its server extra, or set {EndpointVariable} to the URL of a running moto_server.",
                e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode} before answering:{Environment.NewLine}{Output()}");
            }

            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                // moto's own API: a service request here would count against INITIAL_NO_AUTH_ACTION_COUNT.
                using var response = await _http.GetAsync(new Uri(Endpoint, "moto-api/"), attempt.Token);

                // An answer counts only once our own moto says it is serving (it logs "Running on ...").
                if (_process is null || Output().Contains("Running on", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        throw new InvalidOperationException($"moto_server at {Endpoint} did not answer within {StartTimeout.TotalSeconds:0} s.{Environment.NewLine}{Output()}");
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
