using System.Net;

namespace SigninToSlack.Configuration;

/// <summary>
/// The hosts a Slack URL may name: Slack's own (hooks.slack.com, slack.com and their GovSlack twins) and whatever
/// SLACK_EXTRA_HOSTS admits (a proxy, a local stand-in). Captured by the parsers of every webhook setting, so a value
/// read later from SSM or Secrets Manager is held to the same hosts as one given at start-up.
/// </summary>
internal sealed record SlackHosts
{
    public const string Variable = "SLACK_EXTRA_HOSTS";

    /// <summary>Where incoming webhooks live.</summary>
    public static readonly IReadOnlyList<string> WebhookHosts = ["hooks.slack.com", "hooks.slack-gov.com"];

    /// <summary>Where the Web API lives.</summary>
    public static readonly IReadOnlyList<string> ApiHosts = ["slack.com", "slack-gov.com"];

    /// <summary>Slack's hosts only.</summary>
    public static SlackHosts SlackOnly { get; } = new();

    /// <summary>Hosts admitted besides Slack's, as <see cref="Uri.IdnHost"/> spells them (lower case, IPv6 in brackets).</summary>
    public IReadOnlySet<string> Extra { get; private init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Reads SLACK_EXTRA_HOSTS: host names or IP addresses separated by commas, nothing else.</summary>
    /// <exception cref="ConfigurationException">An entry is not a bare host.</exception>
    public static SlackHosts Read(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var value = SettingsReader.Blank(environment(Variable));
        if (value is null)
        {
            return SlackOnly;
        }

        var extra = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in SettingSyntax.List(value))
        {
            extra.Add(Host(entry) ?? throw new ConfigurationException(
                $"{Variable}: '{SettingSyntax.Shown(entry)}' is not a host name: write the host alone, e.g. proxy.example.com or 127.0.0.1 (no scheme, port, path or wildcard), hosts separated by commas"));
        }

        return new SlackHosts { Extra = extra };
    }

    /// <summary>A <see cref="SecretParser{T}"/> for a webhook setting, bound to these hosts.</summary>
    public string? Webhook(string value, out Uri? result) => WebhookUrl.Parse(value, this, out result);

    /// <summary>Whether <paramref name="uri"/> may be called: https on one of <paramref name="slack"/> or an extra host, http only on an extra loopback host.</summary>
    internal bool Admits(Uri uri, IReadOnlyList<string> slack)
    {
        var host = uri.IdnHost;
        var extra = Extra.Contains(host);
        return uri.Scheme switch
        {
            "https" => extra || slack.Contains(host, StringComparer.Ordinal),
            "http" => extra && IsLoopback(uri),
            _ => false,
        };
    }

    private static bool IsLoopback(Uri uri) => uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));

    private static string? Host(string entry)
    {
        var bracketed = IPAddress.TryParse(entry, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !entry.StartsWith('[')
            ? $"[{entry}]"
            : entry;
        if (entry.Contains('*', StringComparison.Ordinal) || !Uri.TryCreate($"https://{bracketed}/", UriKind.Absolute, out var uri)
            || !uri.IsDefaultPort || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.UserInfo)
            || !string.Equals(uri.Host, bracketed, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return uri.IdnHost;
    }

    public override string ToString() => $"SlackHosts {{ Extra = [{string.Join(", ", Extra)}] }}";
}
