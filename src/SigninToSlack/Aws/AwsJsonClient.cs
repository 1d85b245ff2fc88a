using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using SigninToSlack.Serialization;

namespace SigninToSlack.Aws;

/// <summary>Calls one operation of an AWS service with a SigV4-signed POST: JSON 1.1 (SSM, Secrets Manager), JSON 1.0 (DynamoDB) or a form-encoded query (IAM).</summary>
internal sealed class AwsJsonClient(HttpClient http, TimeProvider timeProvider)
{
    private static readonly MediaTypeHeaderValue Json11 = new("application/x-amz-json-1.1");
    private static readonly MediaTypeHeaderValue Json10 = new("application/x-amz-json-1.0");

    /// <param name="signingName">The service's name in the credential scope: ssm, secretsmanager.</param>
    /// <param name="target">The X-Amz-Target: AmazonSSM.GetParameter, secretsmanager.GetSecretValue.</param>
    /// <exception cref="HttpRequestException">The endpoint could not be reached.</exception>
    public Task<AwsResponse> CallAsync(
        Uri endpoint, string region, string signingName, string target, byte[] body, AwsCredentials credentials, CancellationToken cancellationToken) =>
        PostAsync(endpoint, region, signingName, Json11, target, body, credentials, cancellationToken);

    /// <param name="version">The service's protocol version: DynamoDB's is 1.0.</param>
    /// <exception cref="HttpRequestException">The endpoint could not be reached.</exception>
    public Task<AwsResponse> CallAsync(
        Uri endpoint, string region, string signingName, string target, byte[] body, AwsCredentials credentials, AwsJsonVersion version, CancellationToken cancellationToken) =>
        PostAsync(endpoint, region, signingName, version == AwsJsonVersion.V10 ? Json10 : Json11, target, body, credentials, cancellationToken);

    /// <summary>A signed POST of any AWS protocol: JSON with an X-Amz-Target, or a form-encoded query (IAM, STS) without one.</summary>
    /// <exception cref="HttpRequestException">The endpoint could not be reached.</exception>
    /// <param name="extraHeaders">More x-amz- headers to send and sign, e.g. Lambda's x-amz-invocation-type.</param>
    public async Task<AwsResponse> PostAsync(
        Uri endpoint,
        string region,
        string signingName,
        MediaTypeHeaderValue contentType,
        string? target,
        byte[] body,
        AwsCredentials credentials,
        CancellationToken cancellationToken,
        IReadOnlyList<KeyValuePair<string, string>>? extraHeaders = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentNullException.ThrowIfNull(credentials);
        var host = endpoint.IsDefaultPort ? endpoint.IdnHost : $"{endpoint.IdnHost}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
        // One reading of the clock for the header and the signature: read twice, a second (or midnight, which moves
        // the credential scope's date) may pass between them, and AWS refuses the request with 403.
        var now = timeProvider.GetUtcNow();
        var amzDate = SigV4Signer.AmzDate(now);
        List<KeyValuePair<string, string>> headers =
        [
            new("content-type", contentType.ToString()),
            new("host", host),
            new("x-amz-date", amzDate),
        ];
        if (target is not null)
        {
            headers.Add(new("x-amz-target", target));
        }

        if (credentials.SessionToken is { } token)
        {
            headers.Add(new("x-amz-security-token", token));
        }

        if (extraHeaders is not null)
        {
            foreach (var extra in extraHeaders)
            {
                if (!extra.Key.StartsWith("x-amz-", StringComparison.Ordinal))
                {
                    throw new ArgumentException("only x-amz- headers can be added", nameof(extraHeaders));
                }

                headers.Add(extra);
            }
        }

        var signature = SigV4Signer.Sign(
            new SigV4Request("POST", endpoint.AbsolutePath, endpoint.Query, headers, body), credentials, region, signingName, now);

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = contentType;
        request.Headers.Host = host;
        foreach (var (name, value) in headers.Where(h => h.Key.StartsWith("x-amz-", StringComparison.Ordinal)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return new AwsResponse((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    /// <summary>
    /// The error code of a failed call: the JSON protocol's <c>__type</c> (without its namespace), or the
    /// <c>&lt;Code&gt;</c> of an XML error document (as authentication failures may come); else "HTTP &lt;status&gt;".
    /// </summary>
    public static string ErrorCode(AwsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            if (JsonSerializer.Deserialize(response.Body, AppJsonSerializerContext.Default.AwsErrorBody)?.Type is { Length: > 0 } type)
            {
                return type[(type.LastIndexOf('#') + 1)..];
            }
        }
        catch (JsonException)
        {
            // Not JSON: look for an XML error code below.
        }

        var text = System.Text.Encoding.UTF8.GetString(response.Body);
        var start = text.IndexOf("<Code>", StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf("</Code>", start, StringComparison.Ordinal);
        var code = end < 0 ? string.Empty : text[(start + "<Code>".Length)..end].Trim();
        return code.Length is > 0 and <= 100 && code.All(char.IsAsciiLetterOrDigit)
            ? code
            : $"HTTP {response.Status.ToString(CultureInfo.InvariantCulture)}";
    }
}

/// <summary>The two versions of the AWS JSON protocol; they differ only in the content type.</summary>
internal enum AwsJsonVersion
{
    V11,
    V10,
}

/// <summary>The status and body of one AWS call.</summary>
internal sealed record AwsResponse(int Status, byte[] Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>
    /// Worth another try a moment later: a 429, a 5xx, or a throttling error code (JSON services answer throttling
    /// with 400 and ThrottlingException, Secrets Manager and others with TooManyRequestsException).
    /// </summary>
    public static bool IsTransient(int status, string errorCode) =>
        status is 429 or >= 500
        || errorCode is "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded";
}
