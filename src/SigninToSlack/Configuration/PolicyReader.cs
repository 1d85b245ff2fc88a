using System.Net.Sockets;
using System.Net;
using static SigninToSlack.Configuration.PolicySettings;

namespace SigninToSlack.Configuration;

/// <summary>Reads the <see cref="PolicySettings"/> from its SIGNIN_* and SLACK_PEOPLE variables, failing with a message that names the variable and the problem.</summary>
internal static class PolicyReader
{
    /// <summary>What SIGNIN_IGNORE_EVENTS and SIGNIN_IGNORE_SOURCE_IPS_ALSO take to mean "nothing".</summary>
    public const string NoneValue = "none";

    /// <param name="botToken">Whether SLACK_BOT_TOKEN is set: an e-mail address in SLACK_PEOPLE needs it.</param>
    /// <exception cref="ConfigurationException">A variable is invalid.</exception>
    public static PolicySettings Read(Func<string, string?> environment, bool botToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var ignoredNetworks = Items(environment, IgnoreSourceIpsVariable, v => Network(IgnoreSourceIpsVariable, v));
        var also = Items(environment, IgnoreSourceIpsAlsoVariable, v => Scope(v));
        if (also is not null && ignoredNetworks is null)
        {
            throw new ConfigurationException($"{IgnoreSourceIpsAlsoVariable} is set but {IgnoreSourceIpsVariable} is not: it only widens what the source-IP rule silences");
        }

        return new PolicySettings
        {
            MinimumSeverity = SettingsReader.Choice(environment, MinSeverityVariable, Severity.Info),
            IgnoredEvents = Items(environment, IgnoreEventsVariable, EventName) ?? DefaultIgnoredEvents,
            IgnoredAccounts = Items(environment, IgnoreAccountsVariable, v => AccountId(IgnoreAccountsVariable, v)) ?? [],
            IgnoredPrincipals = Items(environment, IgnorePrincipalsVariable, v => PrincipalPattern.Parse(IgnorePrincipalsVariable, v)) ?? [],
            IgnoredNetworks = ignoredNetworks ?? [],
            IgnoredNetworksAlso = also?.Aggregate(IpRuleScope.None, (all, one) => all | one) ?? IpRuleScope.None,
            AccountNames = Map<KeyValuePair<string, string>>(environment, AccountNamesVariable, "<account id>=<name>", (k, v) => new(AccountId(AccountNamesVariable, k), Name(AccountNamesVariable, v))) ?? [],
            KnownNetworks = Map(environment, KnownNetworksVariable, "<CIDR>=<label>", (k, v) => new KnownNetwork(Network(KnownNetworksVariable, k), Name(KnownNetworksVariable, v))) ?? [],
            People = Map<KeyValuePair<PrincipalPattern, SlackPerson>>(
                environment, PeopleVariable, "<principal>=<member ID or e-mail>", (k, v) => new(PrincipalPattern.Parse(PeopleVariable, k), Person(v, botToken)), atLastEquals: true) ?? [],
        };
    }

    /// <summary>The items of a list variable, each checked; null when unset, empty for "none".</summary>
    private static List<T>? Items<T>(Func<string, string?> environment, string variable, Func<string, T> parse)
    {
        var value = SettingsReader.Blank(environment(variable));
        if (value is null)
        {
            return null;
        }

        if (value.Equals(NoneValue, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        return [.. SettingSyntax.List(value).Select(parse)];
    }

    private static List<T>? Map<T>(Func<string, string?> environment, string variable, string shape, Func<string, string, T> parse, bool atLastEquals = false)
    {
        var value = SettingsReader.Blank(environment(variable));
        return value is null ? null : [.. SettingSyntax.Map(variable, value, shape, atLastEquals).Select(e => parse(e.Key, e.Value))];
    }

    private static string EventName(string value) =>
        char.IsAsciiLetter(value[0]) && value.All(char.IsAsciiLetterOrDigit)
            ? value
            : throw new ConfigurationException($"{IgnoreEventsVariable}: '{SettingSyntax.Shown(value)}' is not an event name (letters and digits, e.g. CheckMfa); '{NoneValue}' posts every event");

    private static string AccountId(string variable, string value) =>
        SettingSyntax.IsAccountId(value)
            ? value
            : throw new ConfigurationException($"{variable}: '{SettingSyntax.Shown(value)}' is not an AWS account ID (12 digits)");

    private static string Name(string variable, string value) =>
        value.Length <= 100
            ? value
            : throw new ConfigurationException($"{variable}: '{SettingSyntax.Shown(value)}' is longer than 100 characters");

    /// <summary>A CIDR range (IPv4 or IPv6), or one address as a range of one.</summary>
    private static IPNetwork Network(string variable, string value)
    {
        // IPNetwork clears the bits after the prefix; a range written with them set is more likely a typo than meant.
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && IPNetwork.TryParse(value, out var network) && IPAddress.TryParse(value.AsSpan(0, slash), out var first) && first.Equals(network.BaseAddress))
        {
            return network;
        }

        if (!value.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(value, out var address))
        {
            return new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        }

        throw new ConfigurationException(
            $"{variable}: '{SettingSyntax.Shown(value)}' is not a CIDR range such as 10.0.0.0/8 or 2001:db8::/32 (with no bits set after the prefix) or an IP address");
    }

    private static IpRuleScope Scope(string value) => value.ToUpperInvariant() switch
    {
        "FAILURES" => IpRuleScope.Failures,
        "ROOT" => IpRuleScope.Root,
        _ => throw new ConfigurationException($"{IgnoreSourceIpsAlsoVariable}: '{SettingSyntax.Shown(value)}' is not one of failures, root"),
    };

    private static SlackPerson Person(string value, bool botToken)
    {
        var person = SlackPerson.Parse(value)
            ?? throw new ConfigurationException($"{PeopleVariable}: '{SettingSyntax.Shown(value)}' is neither a Slack member ID (U... or W..., as in the profile's \"Copy member ID\") nor an e-mail address");
        return person.Email is not null && !botToken
            ? throw new ConfigurationException($"{PeopleVariable}: {person.Email} is an e-mail address, which only SLACK_BOT_TOKEN can turn into a member ID; set it, or give the member ID")
            : person;
    }
}
