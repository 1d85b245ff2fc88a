using System.Net.Sockets;
using System.Net;

namespace SigninToSlack.Tests.Support;

/// <summary>Loopback ports for servers the tests start, or for nothing to listen on.</summary>
internal static class LoopbackPort
{
    /// <summary>A port that was free a moment ago: nothing listens there unless someone starts it.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
