using System.Globalization;
using System.Net;
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

    /// <exception cref="RuntimeApiException">The Runtime API is gone, refused, answered other than 200, or gave no request id.</exception>
    public async Task<Invocation> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync($"{_base}/invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new RuntimeApiException($"Runtime API answered {Status(response)} to the next-invocation request");
            }

            var headers = response.Headers;
            var requestId = Header(headers, "Lambda-Runtime-Aws-Request-Id")
                ?? throw new RuntimeApiException("Runtime API gave an invocation without Lambda-Runtime-Aws-Request-Id");
            var deadline = long.TryParse(Header(headers, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : DateTimeOffset.MaxValue;
            var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new Invocation(requestId, deadline, Header(headers, "Lambda-Runtime-Trace-Id"), payload);
        }
        catch (HttpRequestException ex)
        {
            throw new RuntimeApiException($"Runtime API unreachable for the next invocation ({Reason(ex)})", ex);
        }
    }

    /// <exception cref="RuntimeApiException">The response was not accepted.</exception>
    public async Task RespondAsync(string requestId, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body) { Headers = { ContentType = JsonContentType } };
        try
        {
            using var response = await http.PostAsync($"{_base}/invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new RuntimeApiException($"Runtime API answered {Status(response)} to the response");
            }
        }
        catch (HttpRequestException ex)
        {
            throw new RuntimeApiException($"Runtime API unreachable for the response ({Reason(ex)})", ex);
        }
    }

    public Task FailAsync(string requestId, ErrorBody error, CancellationToken cancellationToken) =>
        PostErrorAsync($"{_base}/invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);

    public Task FailInitAsync(ErrorBody error, CancellationToken cancellationToken) =>
        PostErrorAsync($"{_base}/init/error", error, cancellationToken);

    /// <exception cref="RuntimeApiException">The error was not accepted.</exception>
    private async Task PostErrorAsync(string url, ErrorBody error, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(error, AppJsonSerializerContext.Default.ErrorBody);
        using var content = new ByteArrayContent(body) { Headers = { ContentType = ErrorContentType } };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("Lambda-Runtime-Function-Error-Type", error.ErrorType);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new RuntimeApiException($"Runtime API answered {Status(response)} to the error report");
            }
        }
        catch (HttpRequestException ex)
        {
            throw new RuntimeApiException($"Runtime API unreachable for the error report ({Reason(ex)})", ex);
        }
    }

    private static string Status(HttpResponseMessage response) => ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);

    /// <summary>Why a request failed, in a few words: "connection refused", or the request error's name.</summary>
    private static string Reason(HttpRequestException ex) =>
        ex.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused }
            ? "connection refused"
            : ex.HttpRequestError.ToString();

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
