using System.Net;

namespace SigninToSlack.Policy;

/// <summary>A network this organization knows, and the label shown next to a source IP in it (e.g. "office VPN").</summary>
internal sealed record KnownNetwork(IPNetwork Network, string Label);
