using System.Net.Sockets;
using System.Net;

namespace SigninToSlack.Tests.Support;

/// <summary>
/// A loopback port whose TCP handshake never completes, like a host behind a firewall that drops SYNs or a VPC
/// without NAT: the socket listens with a backlog of 0, its accept queue is filled and never accepted from, so the
/// kernel drops every further SYN and a client's connect hangs until its own timeout.
/// </summary>
internal sealed class BlackholeListener : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _fillers = [];

    private BlackholeListener(Socket listener)
    {
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    public int Port { get; }

    /// <summary>An http:// URL on the port (webhooks on a loopback host may be http).</summary>
    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    public static async Task<BlackholeListener> StartAsync()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var blackhole = new BlackholeListener(listener);

        // Linux queues backlog + 1 finished handshakes: the first filler fills the queue, later ones already hang.
        for (var i = 0; i < 2; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            blackhole._fillers.Add(filler);
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                await filler.ConnectAsync(new IPEndPoint(IPAddress.Loopback, blackhole.Port), wait.Token);
            }
            catch (OperationCanceledException)
            {
                // The queue is full already.
            }
        }

        return blackhole;
    }

    public void Dispose()
    {
        foreach (var filler in _fillers)
        {
            filler.Dispose();
        }

        _listener.Dispose();
    }
}
