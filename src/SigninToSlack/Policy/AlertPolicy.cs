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
    private readonly Dictionary<string, string> _ignoredEvents;
    private readonly Dictionary<string, string> _ignoredAccounts;
    private readonly Dictionary<string, string> _ignoredPrincipals;
    private readonly (IPNetwork Network, string Reason)[] _ignoredNetworks;
    private readonly Dictionary<string, string> _accountNames;
    private readonly KnownNetwork[] _knownNetworks;
    private readonly Dictionary<string, SlackPerson> _people;

    public AlertPolicy(PolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        MinimumSeverity = settings.MinimumSeverity;
        IgnoredNetworksAlso = settings.IgnoredNetworksAlso;
        // Plain loops and dictionaries: built on every cold start for a handful of entries, where LINQ and frozen
        // collections cost more in start-up code than they save in lookups. The first of equal keys wins.
        var severities = Enum.GetValues<Severity>();
        _belowMinimum = new string[severities.Length];
        for (var i = 0; i < severities.Length; i++)
        {
            _belowMinimum[i] = $"{AlertText.SeverityWord(severities[i])} is below {MinSeverityVariable} ({AlertText.SeverityWord(MinimumSeverity)})";
        }

        _ignoredEvents = Reasons(settings.IgnoredEvents, IgnoreEventsVariable);
        _ignoredAccounts = Reasons(settings.IgnoredAccounts, IgnoreAccountsVariable);
        _ignoredPrincipals = new(StringComparer.OrdinalIgnoreCase);
        foreach (var pattern in settings.IgnoredPrincipals)
        {
            _ignoredPrincipals.TryAdd(pattern.Key, $"ignored by {IgnorePrincipalsVariable} ({pattern.Text})");
        }

        _ignoredNetworks = new (IPNetwork, string)[settings.IgnoredNetworks.Count];
        for (var i = 0; i < _ignoredNetworks.Length; i++)
        {
            var network = settings.IgnoredNetworks[i];
            _ignoredNetworks[i] = (network, $"ignored by {IgnoreSourceIpsVariable} ({network})");
        }

        // As a frozen dictionary was built from them: the last of equal account IDs wins.
        _accountNames = new(StringComparer.Ordinal);
        foreach (var (account, name) in settings.AccountNames)
        {
            _accountNames[account] = name;
        }

        _knownNetworks = [.. settings.KnownNetworks];
        _people = new(StringComparer.OrdinalIgnoreCase);
        foreach (var (pattern, person) in settings.People)
        {
            _people.TryAdd(pattern.Key, person);
        }

        MatchesUserArns = HasUserArn(_ignoredPrincipals.Keys) || HasUserArn(_people.Keys);
    }

    /// <summary>
    /// Whether a rule names an IAM user by its ARN: events must then be read with the user's ARN, which the alert does
    /// not show and the per-event path otherwise never makes a string of.
    /// </summary>
    public bool MatchesUserArns { get; }

    private static bool HasUserArn(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            if (key.StartsWith("arn:", StringComparison.Ordinal) && key.Contains(":user/", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
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
        if (alert.Kind != AlertKind.SignIn)
        {
            // The sign-in rules (event names, principals, source networks) never silence a change to this product's
            // own pipeline or what AWS Sign-In itself flags: a routine principal is what an intruder would borrow.
            return _ignoredAccounts.Count > 0 && alert.AccountId is { } ignored && _ignoredAccounts.TryGetValue(ignored, out reason) ? reason : null;
        }

        if (_ignoredEvents.Count > 0 && alert.Outcome != Outcome.Failure && alert.EventName is { } name && _ignoredEvents.TryGetValue(name, out reason))
        {
            return reason;
        }

        if (_ignoredAccounts.Count > 0 && alert.AccountId is { } account && _ignoredAccounts.TryGetValue(account, out reason))
        {
            return reason;
        }

        if (_ignoredPrincipals.Count > 0 && alert.Outcome != Outcome.Failure && (reason = Lookup(_ignoredPrincipals, alert.Principal)) is not null)
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

    /// <summary>
    /// The person behind the alert's principal, from SLACK_PEOPLE; null when not mapped, for anything but a sign-in,
    /// and always for a failed attempt: its name is what was typed at the sign-in page, so anyone could have a
    /// stranger's DM sent and mention made.
    /// </summary>
    public SlackPerson? Person(SigninAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        // A tamper alert tells no one privately: the person who made the change may be the intruder using their access.
        return _people.Count > 0 && alert.Kind == AlertKind.SignIn && alert.Outcome != Outcome.Failure ? Lookup(_people, alert.Principal) : null;
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

    private static Dictionary<string, string> Reasons(IEnumerable<string> keys, string variable)
    {
        var reasons = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            if (!reasons.ContainsKey(key))
            {
                reasons[key] = $"ignored by {variable} ({key})";
            }
        }

        return reasons;
    }

    /// <summary>
    /// Looks a principal up by what AWS asserts about it: the IAM user's name and ARN, the role a session belongs to
    /// (never the session's name, which whoever assumes the role picks), the Identity Center user behind an
    /// AWSReservedSSO_ role or a sign-in to the access portal, and root. Federated, SAML and web-identity sessions
    /// have nothing such and match no rule.
    /// </summary>
    private static T? Lookup<T>(Dictionary<string, T> rules, Principal principal)
        where T : class
    {
        if (principal.Masked)
        {
            return null;
        }

        T? found = null;
        switch (principal.Kind)
        {
            case PrincipalKind.Root:
                _ = rules.TryGetValue("root", out found) || (principal.Arn is { } rootArn && rules.TryGetValue(rootArn, out found));
                break;
            case PrincipalKind.IamUser:
                _ = (principal.Name is { } user && rules.TryGetValue("user/" + user, out found))
                    || (principal.Arn is { } userArn && rules.TryGetValue(userArn, out found));
                break;
            case PrincipalKind.AssumedRole:
                _ = (principal.PermissionSet is not null && principal.Name is { } ssoUser && rules.TryGetValue("sso/" + ssoUser, out found))
                    || (principal.Role is { } role && rules.TryGetValue("role/" + role, out found))
                    || (RoleArnKey(principal) is { } roleArn && rules.TryGetValue(roleArn, out found));
                break;
            case PrincipalKind.IdentityCenterUser:
                _ = principal.Name is { } portalUser && rules.TryGetValue("sso/" + portalUser, out found);
                break;
        }

        return found;
    }

    /// <summary>arn:aws:sts::111122223333:assumed-role/Admin/session → the role's key, arn:aws:iam::111122223333:role/Admin.</summary>
    private static string? RoleArnKey(Principal principal)
    {
        if (principal.Arn is not { } arn || principal.Role is not { } role)
        {
            return null;
        }

        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[2] == "sts" && parts[5].StartsWith("assumed-role/" + role + "/", StringComparison.Ordinal)
            ? PrincipalPattern.RoleArnKey(parts[1], parts[4], role)
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
