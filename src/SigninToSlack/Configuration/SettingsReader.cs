using static SigninToSlack.Configuration.FunctionSettings;

namespace SigninToSlack.Configuration;

/// <summary>Reads <see cref="FunctionSettings"/> from environment variables, failing with a message that names the variable.</summary>
internal static class SettingsReader
{

    /// <param name="environment">Looks up one variable; null when unset.</param>
    /// <param name="requireWebhook">False for a local dry run, which posts nothing.</param>
    /// <exception cref="ConfigurationException">A variable is missing or invalid.</exception>
    public static FunctionSettings Read(Func<string, string?> environment, bool requireWebhook = true)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var hosts = SlackHosts.Read(environment);
        var entryPoint = Choice(environment, HandlerVariable, EntryPointKind.EventBridge);
        var table = Table(environment);
        var respond = Respond(environment, entryPoint == EntryPointKind.Respond, table);
        var webhook = Secret<Uri>(environment, SlackWebhookVariable, hosts.Webhook);
        if (webhook is null && requireWebhook)
        {
            throw new ConfigurationException(
                $"{SlackWebhookVariable} is not set: set it to the Slack incoming webhook URL (https://hooks.slack.com/services/...) or to where it is kept (ssm:/path/to/parameter or secretsmanager:<name>)");
        }

        var botToken = Secret<string>(environment, BotTokenVariable, BotToken.Parse);
        return new FunctionSettings
        {
            SlackWebhook = webhook,
            Routes = Routes(environment, hosts),
            SlackBotToken = botToken,
            SlackApiUrl = ApiUrl(environment, hosts),
            SlackHosts = hosts,
            Policy = PolicyReader.Read(environment, botToken is not null),
            SecretsCacheTtl = TimeSpan.FromSeconds(Number(environment, SecretsCacheTtlVariable, (int)DefaultSecretsCacheTtl.TotalSeconds, 0, (int)MaxSecretsCacheTtl.TotalSeconds, "a whole number of seconds")),
            ExtensionPort = Number(environment, ExtensionPortVariable, DefaultExtensionPort, 1, 65535, "a TCP port number"),
            StateTable = table,
            EntryPoint = entryPoint,
            Burst = new BurstSettings
            {
                Threshold = Number(environment, BurstSettings.ThresholdVariable, BurstSettings.DefaultThreshold, BurstSettings.MinThreshold, BurstSettings.MaxThreshold, "a whole number of failed sign-ins"),
                Window = TimeSpan.FromMinutes(Number(environment, BurstSettings.WindowVariable, (int)BurstSettings.DefaultWindow.TotalMinutes, 1, (int)BurstSettings.MaxWindow.TotalMinutes, "a whole number of minutes")),
            },
            Respond = respond,
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
        return value is null ? null : Secret(variable, value, parse);
    }

    private static SecretSetting<T> Secret<T>(string variable, string value, SecretParser<T> parse)
        where T : class
    {
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

    /// <summary>The per-severity webhooks and SLACK_ACCOUNT_WEBHOOKS, each a webhook or a reference like SLACK_WEBHOOK.</summary>
    private static RouteSettings Routes(Func<string, string?> environment, SlackHosts hosts)
    {
        var accounts = new Dictionary<string, SecretSetting<Uri>>(StringComparer.Ordinal);
        if (Blank(environment(RouteSettings.AccountWebhooksVariable)) is { } map)
        {
            var entry = 0;
            foreach (var (account, webhook) in SettingSyntax.Map(RouteSettings.AccountWebhooksVariable, map, "<account id>=<webhook or ssm:/secretsmanager: reference>", secret: true))
            {
                entry++;

                // Not quoted: an entry written the wrong way round has the webhook where the account ID should be.
                if (!SettingSyntax.IsAccountId(account))
                {
                    throw new ConfigurationException(
                        $"{RouteSettings.AccountWebhooksVariable}: entry {entry} does not start with an AWS account ID (12 digits): write <account id>=<webhook or reference>");
                }

                accounts[account] = Secret<Uri>($"{RouteSettings.AccountWebhooksVariable} ({account})", webhook, hosts.Webhook);
            }
        }

        return new RouteSettings
        {
            Critical = Secret<Uri>(environment, RouteSettings.CriticalVariable, hosts.Webhook),
            High = Secret<Uri>(environment, RouteSettings.HighVariable, hosts.Webhook),
            Info = Secret<Uri>(environment, RouteSettings.InfoVariable, hosts.Webhook),
            Accounts = accounts,
        };
    }

    /// <summary>SIGNIN_STATE_TABLE: a table name or ARN; unset, deliveries are remembered per container only.</summary>
    private static StateTable? Table(Func<string, string?> environment)
    {
        if (Blank(environment(StateTableVariable)) is not { } value)
        {
            return null;
        }

        return StateTable.Parse(value, out var table) is { } problem
            ? throw new ConfigurationException($"{StateTableVariable} {problem}")
            : table;
    }

    /// <summary>The Respond function's settings; <paramref name="required"/> when SIGNIN_HANDLER=Respond.</summary>
    private static RespondSettings Respond(Func<string, string?> environment, bool required, StateTable? table)
    {
        var key = Secret<string>(environment, RespondSettings.LinkKeyVariable, RespondSettings.ParseLinkKey);
        var account = Blank(environment(RespondSettings.AccountVariable));
        if (account is not null && !SettingSyntax.IsAccountId(account))
        {
            throw new ConfigurationException($"{RespondSettings.AccountVariable} must be the AWS account ID (12 digits), not '{SettingSyntax.Shown(account)}'");
        }

        if (required)
        {
            if (key is null)
            {
                throw new ConfigurationException($"{RespondSettings.LinkKeyVariable} is not set: SIGNIN_HANDLER=Respond checks every link's signature with it (a value of {RespondSettings.MinLinkKeyLength}+ characters, or an ssm:/secretsmanager: reference)");
            }

            if (account is null)
            {
                throw new ConfigurationException($"{RespondSettings.AccountVariable} is not set: SIGNIN_HANDLER=Respond acts in this account only and refuses tokens about others");
            }

            if (table is null)
            {
                throw new ConfigurationException($"{StateTableVariable} is not set: SIGNIN_HANDLER=Respond needs the state table to let each link work once; without it a link could be used again");
            }
        }

        Uri? url = null;
        if (Blank(environment(RespondSettings.UrlVariable)) is { } respondUrl)
        {
            if (RespondSettings.ParseUrl(respondUrl, out url) is { } problem)
            {
                throw new ConfigurationException($"{RespondSettings.UrlVariable} {problem}");
            }

            if (key is null)
            {
                throw new ConfigurationException($"{RespondSettings.UrlVariable} is set but {RespondSettings.LinkKeyVariable} is not: the links are signed with it (the same key as the Respond function's)");
            }
        }

        var admins = new HashSet<string>(StringComparer.Ordinal);
        if (Blank(environment(RespondSettings.AdminsVariable)) is { } adminList)
        {
            var entry = 0;
            foreach (var admin in SettingSyntax.List(adminList))
            {
                entry++;
                if (!SlackMemberId.IsValid(admin))
                {
                    throw new ConfigurationException($"{RespondSettings.AdminsVariable}: entry {entry} is not a Slack member ID (U or W, then capitals and digits, e.g. U012AB3CD), not '{SettingSyntax.Shown(admin)}'");
                }

                admins.Add(admin);
            }
        }

        return new RespondSettings
        {
            LinkKey = key,
            LinkTtl = TimeSpan.FromMinutes(Number(environment, RespondSettings.LinkTtlVariable, (int)RespondSettings.DefaultLinkTtl.TotalMinutes, 1, (int)RespondSettings.MaxLinkTtl.TotalMinutes, "a whole number of minutes")),
            UndoTtl = TimeSpan.FromMinutes(Number(environment, RespondSettings.UndoTtlVariable, (int)RespondSettings.DefaultUndoTtl.TotalMinutes, 5, (int)RespondSettings.MaxUndoTtl.TotalMinutes, "a whole number of minutes")),
            Url = url,
            SigningSecret = Secret<string>(environment, RespondSettings.SigningSecretVariable, RespondSettings.ParseSigningSecret),
            Admins = admins,
            Account = account,
            OwnPrincipals = Blank(environment(RespondSettings.OwnPrincipalsVariable)) is { } own
                ? new HashSet<string>(SettingSyntax.List(own), StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal),
        };
    }

    /// <summary>SLACK_API_URL: the Web API's base, https://slack.com/api/ unless set (GovSlack, a proxy or local stand-in that SLACK_EXTRA_HOSTS admits).</summary>
    private static Uri ApiUrl(Func<string, string?> environment, SlackHosts hosts)
    {
        var value = Blank(environment(ApiUrlVariable));
        if (value is null)
        {
            return new Uri(DefaultSlackApiUrl);
        }

        if (WebhookUrl.ParseApi(value.EndsWith('/') ? value : value + "/", hosts, out var url) is { } problem)
        {
            throw new ConfigurationException($"{ApiUrlVariable} {problem}");
        }

        return url!;
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

        throw new ConfigurationException($"{variable} must be {what} from {min} to {max}, not '{SettingSyntax.Shown(value)}'");
    }

    internal static T Choice<T>(Func<string, string?> environment, string variable, T fallback)
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

        throw new ConfigurationException($"{variable} must be one of {string.Join(", ", Enum.GetNames<T>())}, not '{SettingSyntax.Shown(value)}'");
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
