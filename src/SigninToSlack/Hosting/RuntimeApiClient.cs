using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using SigninToSlack.Serialization;

namespace SigninToSlack.Hosting;

/// <summary>The Lambda Runtime API (2018-06-01): take the next invocation, answer it, or report an error.</summary>
internal sealed class RuntimeApiClient(HttpClient http, string runtimeApi)
{
    private static readonly MediaTypeHeaderValue ErrorContentType = new("application/vnd.aws.lambda.error+json");
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly string _base = $"http://{runtimeApi}/2018-06-01/runtime";

    /// <summary>The client for the Runtime API: it answers on the same host, and the next-invocation call blocks without limit.</summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<Invocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"{_base}/invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        var headers = response.Headers;
        var requestId = Header(headers, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("Runtime API gave an invocation without Lambda-Runtime-Aws-Request-Id");
        var deadline = long.TryParse(Header(headers, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new Invocation(requestId, deadline, Header(headers, "Lambda-Runtime-Trace-Id"), payload);
    }

    public async Task RespondAsync(string requestId, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body) { Headers = { ContentType = JsonContentType } };
        using var response = await http.PostAsync($"{_base}/invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public Task FailAsync(string requestId, ErrorBody error, CancellationToken cancellationToken) =>
        PostErrorAsync($"{_base}/invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);

    public Task FailInitAsync(ErrorBody error, CancellationToken cancellationToken) =>
        PostErrorAsync($"{_base}/init/error", error, cancellationToken);

    private async Task PostErrorAsync(string url, ErrorBody error, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(error, AppJsonSerializerContext.Default.ErrorBody);
        using var content = new ByteArrayContent(body) { Headers = { ContentType = ErrorContentType } };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("Lambda-Runtime-Function-Error-Type", error.ErrorType);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
