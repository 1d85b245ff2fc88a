namespace SigninToSlack.Configuration;

/// <summary>
/// What a Slack URL must be: absolute https on Slack's host (or one SLACK_EXTRA_HOSTS admits; http only to such a host
/// on loopback). A value that names another host could send every alert, and the DM token, to a sink that answers 200.
/// </summary>
internal static class WebhookUrl
{
    /// <summary>
    /// Checks an incoming webhook URL. Null when valid, else the problem; the message quotes nothing of the value, not
    /// even its host (a mistyped value can put the secret path where the host should be).
    /// </summary>
    public static string? Parse(string value, SlackHosts hosts, out Uri? result) =>
        Parse(value, hosts, SlackHosts.WebhookHosts, "a Slack incoming webhook (https://hooks.slack.com/services/...)", out result);

    /// <summary>Checks the Web API's base URL (SLACK_API_URL), held to slack.com and slack-gov.com.</summary>
    public static string? ParseApi(string value, SlackHosts hosts, out Uri? result) =>
        Parse(value, hosts, SlackHosts.ApiHosts, "the Slack Web API (https://slack.com/api/)", out result);

    private static string? Parse(string value, SlackHosts hosts, IReadOnlyList<string> slack, string what, out Uri? result)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        result = null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc)
        {
            return $"is not an absolute URL: it must be the https:// URL of {what}";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry user information before the host";
        }

        if (!hosts.Admits(uri, slack))
        {
            return uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps
                ? $"must be an https:// URL on {string.Join(" or ", slack)}; to admit a proxy or a local stand-in, list its host in {SlackHosts.Variable} (http:// is accepted only for a loopback host listed there)"
                : "must be an https:// URL";
        }

        result = uri;
        return null;
    }
}
