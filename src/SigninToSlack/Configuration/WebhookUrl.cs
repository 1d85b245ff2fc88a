using System.Net;

namespace SigninToSlack.Configuration;

/// <summary>What a Slack incoming webhook URL must be: absolute https (http only to a loopback host, as a local Slack stand-in uses).</summary>
internal static class WebhookUrl
{
    /// <summary>A <see cref="Secrets.SecretParser{T}"/>: null when valid, else the problem, never quoting the value (it is a secret).</summary>
    public static string? Parse(string value, out Uri? result) => Parse(value, "a Slack incoming webhook", out result);

    /// <param name="what">What the URL is of, for the message: "a Slack incoming webhook", "the Slack Web API".</param>
    public static string? Parse(string value, string what, out Uri? result)
    {
        result = null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return $"is not an absolute URL: it must be the https:// URL of {what}";
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && loopback))
        {
            return "must be an https:// URL (http:// is accepted only for a loopback host)";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry user information before the host";
        }

        result = uri;
        return null;
    }
}
