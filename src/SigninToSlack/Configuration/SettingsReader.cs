using SigninToSlack.Logging;
using SigninToSlack.Pipeline;
using SigninToSlack.Secrets;

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
        var webhook = Secret<Uri>(environment, SlackWebhookVariable, WebhookUrl.Parse);
        if (webhook is null && requireWebhook)
        {
            throw new ConfigurationException(
                $"{SlackWebhookVariable} is not set: set it to the Slack incoming webhook URL (https://hooks.slack.com/services/...) or to where it is kept (ssm:/path/to/parameter or secretsmanager:<name>)");
        }

        return new FunctionSettings
        {
            SlackWebhook = webhook,
            SecretsCacheTtl = TimeSpan.FromSeconds(Number(environment, SecretCache.TtlVariable, (int)SecretCache.DefaultTtl.TotalSeconds, 0, (int)SecretCache.MaxTtl.TotalSeconds, "a whole number of seconds")),
            ExtensionPort = Number(environment, ExtensionSecretSource.PortVariable, ExtensionSecretSource.DefaultPort, 1, 65535, "a TCP port number"),
            EntryPoint = Choice(environment, HandlerVariable, EntryPointKind.EventBridge),
            LogFormat = Choice(environment, LogFormatVariable, LogFormat.Text),
            LogLevel = Choice(environment, LogLevelVariable, LogLevel.Info),
        };
    }

    /// <summary>
    /// A secret setting: the value itself, checked by <paramref name="parse"/>, or a reference (ssm:..., secretsmanager:...)
    /// whose syntax is checked now and whose value is resolved during an invocation. No message quotes the value.
    /// </summary>
    private static SecretSetting<T>? Secret<T>(Func<string, string?> environment, string variable, SecretParser<T> parse)
        where T : class
    {
        var value = Blank(environment(variable));
        if (value is null)
        {
            return null;
        }

        SecretReference? reference;
        try
        {
            reference = SecretReference.Parse(value);
        }
        catch (FormatException ex)
        {
            throw new ConfigurationException($"{variable}: {ex.Message}");
        }

        if (reference is not null)
        {
            return SecretSetting<T>.Referenced(variable, reference, parse);
        }

        return parse(value, out var parsed) is { } problem
            ? throw new ConfigurationException($"{variable} {problem}")
            : SecretSetting<T>.Plain(variable, parsed!, parse);
    }

    private static int Number(Func<string, string?> environment, string variable, int fallback, int min, int max, string what)
    {
        var value = Blank(environment(variable));
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        throw new ConfigurationException($"{variable} must be {what} from {min} to {max}, not '{Shown(value)}'");
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

        throw new ConfigurationException($"{variable} must be one of {string.Join(", ", Enum.GetNames<T>())}, not '{Shown(value)}'");
    }

    private static string Shown(string value) => value.Length > 40 ? value[..40] + "..." : value;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
