using System.Net;

namespace SigninToSlack.Configuration;

/// <summary>What is posted, with what context, and who is told: the SIGNIN_* and SLACK_PEOPLE settings, checked.</summary>
internal sealed record PolicySettings
{
    public const string MinSeverityVariable = "SIGNIN_MIN_SEVERITY";
    public const string IgnoreEventsVariable = "SIGNIN_IGNORE_EVENTS";
    public const string IgnoreAccountsVariable = "SIGNIN_IGNORE_ACCOUNTS";
    public const string IgnorePrincipalsVariable = "SIGNIN_IGNORE_PRINCIPALS";
    public const string IgnoreSourceIpsVariable = "SIGNIN_IGNORE_SOURCE_IPS";
    public const string IgnoreSourceIpsAlsoVariable = "SIGNIN_IGNORE_SOURCE_IPS_ALSO";
    public const string AccountNamesVariable = "SIGNIN_ACCOUNT_NAMES";
    public const string KnownNetworksVariable = "SIGNIN_KNOWN_NETWORKS";
    public const string PeopleVariable = "SLACK_PEOPLE";

    /// <summary>A CheckMfa always accompanies a console sign-in that is alerted on its own.</summary>
    public static readonly IReadOnlyList<string> DefaultIgnoredEvents = ["CheckMfa"];

    /// <summary>Nothing configured: every alert is posted but a successful CheckMfa, with no context.</summary>
    public static PolicySettings Default { get; } = new();

    public Severity MinimumSeverity { get; init; } = Severity.Info;

    /// <summary>Event names never posted when they succeed; <see cref="DefaultIgnoredEvents"/> unless set, empty for "none".</summary>
    public IReadOnlyList<string> IgnoredEvents { get; init; } = DefaultIgnoredEvents;

    public IReadOnlyList<string> IgnoredAccounts { get; init; } = [];

    /// <summary>Principals whose successful sign-ins are not posted: IAM users, roles, Identity Center users, root, by kind-qualified name or ARN.</summary>
    public IReadOnlyList<PrincipalPattern> IgnoredPrincipals { get; init; } = [];

    public IReadOnlyList<IPNetwork> IgnoredNetworks { get; init; } = [];

    /// <summary>What the source-IP rule silences beyond successful sign-ins of non-root principals.</summary>
    public IpRuleScope IgnoredNetworksAlso { get; init; } = IpRuleScope.None;

    /// <summary>Account ID → the name shown beside it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AccountNames { get; init; } = [];

    public IReadOnlyList<KnownNetwork> KnownNetworks { get; init; } = [];

    /// <summary>Principal → the Slack person to mention and tell after a successful sign-in.</summary>
    public IReadOnlyList<KeyValuePair<PrincipalPattern, SlackPerson>> People { get; init; } = [];
}

/// <summary>A network this organization knows, and the label shown next to a source IP in it (e.g. "office VPN").</summary>
internal sealed record KnownNetwork(IPNetwork Network, string Label);

/// <summary>What SIGNIN_IGNORE_SOURCE_IPS may silence beyond successful sign-ins of non-root principals.</summary>
[Flags]
internal enum IpRuleScope
{
    None = 0,
    Failures = 1,
    Root = 2,
}
