using System.Net;
using SigninToSlack.Logging;
using SigninToSlack.Pipeline;

namespace SigninToSlack.Configuration;

/// <summary>Reads <see cref="FunctionSettings"/> from environment variables, failing with a message that names the variable.</summary>
internal static class SettingsReader
{
    public const string SlackWebhookVariable = "SLACK_WEBHOOK";
    public const string HandlerVariable = "SIGNIN_HANDLER";
    public const string LogFormatVariable = "AWS_LAMBDA_LOG_FORMAT";
    public const string LogLevelVariable = "AWS_LAMBDA_LOG_LEVEL";

    /// <param name="environment">Looks up one variable; null when unset.</param>
    /// <param name="requireWebhook">False for a local dry run, which posts nothing.</param>
    /// <exception cref="ConfigurationException">A variable is missing or invalid.</exception>
    public static FunctionSettings Read(Func<string, string?> environment, bool requireWebhook = true)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var webhook = Blank(environment(SlackWebhookVariable));
        if (webhook is null && requireWebhook)
        {
            throw new ConfigurationException($"{SlackWebhookVariable} is not set: set it to the Slack incoming webhook URL (https://hooks.slack.com/services/...)");
        }

        return new FunctionSettings
        {
            SlackWebhook = webhook is null ? null : Webhook(webhook),
            EntryPoint = Choice(environment, HandlerVariable, EntryPointKind.EventBridge),
            LogFormat = Choice(environment, LogFormatVariable, LogFormat.Text),
            LogLevel = Choice(environment, LogLevelVariable, LogLevel.Info),
        };
    }

    /// <summary>An absolute https URL; http only to a loopback host, as a local Slack stand-in uses.</summary>
    private static Uri Webhook(string value)
    {
        // The value is a secret: no message below quotes it.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            throw new ConfigurationException($"{SlackWebhookVariable} is not an absolute URL: it must be the https:// URL of a Slack incoming webhook");
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && loopback))
        {
            throw new ConfigurationException($"{SlackWebhookVariable} must be an https:// URL (http:// is accepted only for a loopback host)");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ConfigurationException($"{SlackWebhookVariable} must not carry user information before the host");
        }

        return uri;
    }

    private static T Choice<T>(Func<string, string?> environment, string variable, T fallback)
        where T : struct, Enum
    {
        var value = Blank(environment(variable));
        if (value is null)
        {
            return fallback;
        }

        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsAsciiDigit(value[0]))
        {
            return parsed;
        }

        var shown = value.Length > 40 ? value[..40] + "..." : value;
        throw new ConfigurationException($"{variable} must be one of {string.Join(", ", Enum.GetNames<T>())}, not '{shown}'");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
