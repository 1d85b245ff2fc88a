using System.Collections.Frozen;
using System.Net;
using SigninToSlack.Alerts;
using SigninToSlack.Configuration;
using static SigninToSlack.Configuration.PolicySettings;

namespace SigninToSlack.Policy;

/// <summary>
/// Between what happened and what is posted: which alerts are silenced (and by which rule), what the configuration
/// adds to them, and who the person behind a principal is. With nothing configured it only quiets CheckMfa, and an
/// alert passes through unchanged.
/// </summary>
internal sealed class AlertPolicy
{
    // Reasons are written once here, so a skipped event costs a lookup, not a string.
    private readonly string[] _belowMinimum;
    private readonly FrozenDictionary<string, string> _ignoredEvents;
    private readonly FrozenDictionary<string, string> _ignoredAccounts;
    private readonly FrozenDictionary<string, string> _ignoredPrincipals;
    private readonly (IPNetwork Network, string Reason)[] _ignoredNetworks;
    private readonly FrozenDictionary<string, string> _accountNames;
    private readonly KnownNetwork[] _knownNetworks;
    private readonly FrozenDictionary<string, SlackPerson> _people;

    public AlertPolicy(PolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        MinimumSeverity = settings.MinimumSeverity;
        IgnoredNetworksAlso = settings.IgnoredNetworksAlso;
        _belowMinimum = [.. Enum.GetValues<Severity>().Select(s => $"{AlertText.SeverityWord(s)} is below {MinSeverityVariable} ({AlertText.SeverityWord(MinimumSeverity)})")];
        _ignoredEvents = Reasons(settings.IgnoredEvents, IgnoreEventsVariable);
        _ignoredAccounts = Reasons(settings.IgnoredAccounts, IgnoreAccountsVariable);
        _ignoredPrincipals = Reasons(settings.IgnoredPrincipals, IgnorePrincipalsVariable);
        _ignoredNetworks = [.. settings.IgnoredNetworks.Select(n => (n, $"ignored by {IgnoreSourceIpsVariable} ({n})"))];
        _accountNames = settings.AccountNames.ToFrozenDictionary(StringComparer.Ordinal);
        _knownNetworks = [.. settings.KnownNetworks];
        _people = settings.People.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public Severity MinimumSeverity { get; }

    public IpRuleScope IgnoredNetworksAlso { get; }

    /// <summary>
    /// Null when the alert is to be posted; else the rule that silences it, as a phrase for the log line. An event-name
    /// rule never silences a failure (a failed MFA check is what a stolen password looks like), and a source-IP rule
    /// silences failures and root sign-ins only as far as <see cref="IgnoredNetworksAlso"/> says.
    /// </summary>
    public string? SkipReason(SigninAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Severity < MinimumSeverity)
        {
            return _belowMinimum[(int)alert.Severity];
        }

        string? reason;
        if (_ignoredEvents.Count > 0 && alert.Outcome != Outcome.Failure && alert.EventName is { } name && _ignoredEvents.TryGetValue(name, out reason))
        {
            return reason;
        }

        if (_ignoredAccounts.Count > 0 && alert.AccountId is { } account && _ignoredAccounts.TryGetValue(account, out reason))
        {
            return reason;
        }

        if (_ignoredPrincipals.Count > 0 && (reason = PrincipalRule(alert.Principal)) is not null)
        {
            return reason;
        }

        if (_ignoredNetworks.Length > 0 && IpRuleApplies(alert) && Address(alert.SourceIp) is { } ip)
        {
            foreach (var (network, why) in _ignoredNetworks)
            {
                if (network.Contains(ip))
                {
                    return why;
                }
            }
        }

        return null;
    }

    /// <summary>The person behind the alert's principal, from SLACK_PEOPLE; null when not mapped.</summary>
    public SlackPerson? Person(SigninAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return _people.Count > 0 && !alert.Principal.Masked && alert.Principal.Name is { } name && _people.TryGetValue(name, out var person)
            ? person
            : null;
    }

    /// <summary>The alert with the account's name, the source network and the member to mention; the same alert when there is nothing to add.</summary>
    public SigninAlert WithContext(SigninAlert alert, string? memberId)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (_accountNames.Count == 0 && _knownNetworks.Length == 0 && memberId is null)
        {
            return alert;
        }

        string? accountName = null;
        if (_accountNames.Count > 0 && alert.AccountId is { } account)
        {
            _accountNames.TryGetValue(account, out accountName);
        }

        string? label = null;
        var unknown = false;
        if (_knownNetworks.Length > 0 && Address(alert.SourceIp) is { } ip)
        {
            foreach (var known in _knownNetworks)
            {
                if (known.Network.Contains(ip))
                {
                    label = known.Label;
                    break;
                }
            }

            unknown = label is null;
        }

        var context = new AlertContext(accountName, label, unknown, memberId);
        return context.IsEmpty ? alert : alert with { Context = context };
    }

    private static FrozenDictionary<string, string> Reasons(IEnumerable<string> keys, string variable) =>
        keys.Distinct(StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(k => k, k => $"ignored by {variable} ({k})", StringComparer.OrdinalIgnoreCase);

    /// <summary>A principal is named by its user or session name, its role, or its ARN.</summary>
    private string? PrincipalRule(Principal principal)
    {
        if (principal.Masked)
        {
            return null;
        }

        string? reason = null;
        return (principal.Name is { } name && _ignoredPrincipals.TryGetValue(name, out reason))
            || (principal.Role is { } role && _ignoredPrincipals.TryGetValue(role, out reason))
            || (principal.Arn is { } arn && _ignoredPrincipals.TryGetValue(arn, out reason))
            ? reason
            : null;
    }

    private bool IpRuleApplies(SigninAlert alert) =>
        (alert.Outcome != Outcome.Failure || IgnoredNetworksAlso.HasFlag(IpRuleScope.Failures))
        && (alert.Principal.Kind != PrincipalKind.Root || IgnoredNetworksAlso.HasFlag(IpRuleScope.Root));

    /// <summary>The source IP as an address; null for the service names CloudTrail sometimes records instead.</summary>
    private static IPAddress? Address(string? sourceIp)
    {
        if (sourceIp is null || !IPAddress.TryParse(sourceIp, out var ip))
        {
            return null;
        }

        return ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
    }
}
