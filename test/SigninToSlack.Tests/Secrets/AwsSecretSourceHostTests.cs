using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SigninToSlack.Configuration;
using SigninToSlack.Secrets;

namespace SigninToSlack.Tests.Secrets;

/// <summary>
/// The host a direct call goes to is built from the ARN's region (or AWS_REGION): a hostile one must not receive a
/// signed request or the session token. Every connection the client opens, whatever host it names, is recorded and
/// lands on a loopback listener, so "nothing sent" is an empty record, and the valid case shows the record works.
/// </summary>
public sealed class AwsSecretSourceHostTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<string> _connections = new();
    private readonly HttpClient _http;

    public AwsSecretSourceHostTests()
    {
        _listener.Start();
        _ = AcceptAndCloseAsync();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                _connections.Enqueue($"{context.DnsEndPoint.Host}:{context.DnsEndPoint.Port}");
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        });
    }

    private ISecretSource Source(string region = "eu-west-1")
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "secret",
            ["AWS_SESSION_TOKEN"] = "SESSIONTOKEN",
            ["AWS_REGION"] = region,
        };
        return SecretSources.Direct(_http, environment.GetValueOrDefault, TimeProvider.System);
    }

    [Theory]
    [InlineData("Ssm", "arn:aws:ssm:evil.example/:111111111111:parameter/x")]
    [InlineData("Ssm", "arn:aws:ssm:eu-west-1.evil.example:111111111111:parameter/x")]
    [InlineData("Ssm", "arn:aws:ssm:eu-west-1#:111111111111:parameter/x")]
    [InlineData("SecretsManager", "arn:aws:secretsmanager:x@127.0.0.1/:111111111111:secret:x")]
    [InlineData("SecretsManager", "arn:aws:ssm:eu-west-1:111111111111:parameter/x")]
    [InlineData("Ssm", "arn:evil:ssm:eu-west-1:111111111111:parameter/x")]
    public async Task FetchAsync_HostileArn_SendsNothing(string kind, string id)
    {
        var error = await Assert.ThrowsAsync<SecretResolutionException>(
            () => Source().FetchAsync(Enum.Parse<SecretKind>(kind), id, CancellationToken.None));

        Assert.StartsWith("the reference ", error.Message, StringComparison.Ordinal);
        Assert.Empty(_connections);
    }

    [Theory]
    [InlineData("evil.example/")]
    [InlineData("x@127.0.0.1")]
    public async Task FetchAsync_HostileRegionVariable_SendsNothing(string region)
    {
        var error = await Assert.ThrowsAsync<SecretResolutionException>(
            () => Source(region).FetchAsync(SecretKind.Ssm, "/signin-to-slack/webhook", CancellationToken.None));

        Assert.Equal("AWS_REGION is not a region name (e.g. eu-west-1)", error.Message);
        Assert.Empty(_connections);
    }

    [Fact]
    public async Task FetchAsync_WellFormedArn_ConnectsToItsRegionsEndpointOnly()
    {
        await Assert.ThrowsAsync<SecretResolutionException>(
            () => Source().FetchAsync(SecretKind.Ssm, "arn:aws:ssm:eu-central-1:111111111111:parameter/x", CancellationToken.None));

        Assert.Equal(["ssm.eu-central-1.amazonaws.com:443"], _connections.Distinct());
    }

    private async Task AcceptAndCloseAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync();
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _listener.Stop();
        _listener.Dispose();
    }
}
