using System.Globalization;
using System.Net.Sockets;
using SigninToSlack.Configuration;

namespace SigninToSlack.Secrets;

/// <summary>
/// The AWS Parameters and Secrets Lambda Extension's HTTP interface on localhost: GET with the session token in
/// X-Aws-Parameters-Secrets-Token. It only answers during an invocation, and not at all when the layer is absent.
/// </summary>
internal sealed class ExtensionSecretSource(HttpClient http, Uri baseAddress, Func<string?> sessionToken, TimeProvider timeProvider)
{
    public const string TokenHeader = "X-Aws-Parameters-Secrets-Token";

    /// <summary>How long one call may take; the extension fetches from the service itself on a cache miss.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    public static Uri Address(int port) => new($"http://localhost:{port.ToString(CultureInfo.InvariantCulture)}/");

    /// <returns>The value; null when nothing listens on the port (no extension layer).</returns>
    /// <exception cref="SecretResolutionException">The extension answered with an error or did not answer in time.</exception>
    public async Task<string?> TryFetchAsync(SecretKind kind, string id, CancellationToken cancellationToken)
    {
        var path = kind == SecretKind.Ssm
            ? $"systemsmanager/parameters/get?name={Uri.EscapeDataString(id)}&withDecryption=true"
            : $"secretsmanager/get?secretId={Uri.EscapeDataString(id)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, path));
        if (sessionToken() is { } token)
        {
            request.Headers.TryAddWithoutValidation(TokenHeader, token);
        }

        using var timeout = new CancellationTokenSource(CallTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var code = Aws.AwsJsonClient.ErrorCode(new Aws.AwsResponse(status, body));
                throw new SecretResolutionException($"the Parameters and Secrets extension answered {code}")
                {
                    IsTransient = Aws.AwsResponse.IsTransient(status, code),
                };
            }

            return SecretAnswer.Value(kind, body);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return null;
        }
        catch (HttpRequestException ex)
        {
            throw new SecretResolutionException($"the Parameters and Secrets extension is unreachable ({ex.HttpRequestError})", ex);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new SecretResolutionException($"the Parameters and Secrets extension did not answer within {CallTimeout.TotalSeconds:0} s", ex);
        }
    }
}
