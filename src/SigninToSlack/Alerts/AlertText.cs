namespace SigninToSlack.Alerts;

/// <summary>
/// The sentences an alert reads as. Values from the event pass through <c>escape</c>, so the same wording
/// serves plain text (identity) and Slack mrkdwn (entity escaping).
/// </summary>
internal static class AlertText
{
    public static string SeverityWord(Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.High => "high",
        _ => "info",
    };

    /// <summary>Who signed in, e.g. "IAM user alice" or "root of account 111122223333".</summary>
    public static string Who(SigninAlert alert, Func<string, string> escape, string emphasis = "")
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(escape);
        var p = alert.Principal;
        string Em(string value) => emphasis + escape(value) + emphasis;
        var name = p.Name is null ? null : Em(p.Name);
        return p.Kind switch
        {
            PrincipalKind.Root => alert.AccountId is null ? "the root user" : $"the root user of {Em(alert.AccountId)}",
            _ when p.Masked => $"an unknown {KindWord(p.Kind)} (name hidden by AWS)",
            PrincipalKind.AssumedRole when p.PermissionSet is not null =>
                $"{name ?? "an unknown session"} (IAM Identity Center, permission set {Em(p.PermissionSet)})",
            PrincipalKind.AssumedRole =>
                $"{name ?? "an unknown session"} (role {(p.Role is null ? "unknown" : Em(p.Role))})",
            PrincipalKind.Unknown => name ?? "an unknown principal",
            _ => name is null ? $"an unnamed {KindWord(p.Kind)}" : $"{KindWord(p.Kind)} {name}",
        };
    }

    public static string KindWord(PrincipalKind kind) => kind switch
    {
        PrincipalKind.Root => "root user",
        PrincipalKind.IamUser => "IAM user",
        PrincipalKind.AssumedRole => "role session",
        PrincipalKind.IdentityCenterUser => "IAM Identity Center user",
        PrincipalKind.FederatedUser => "federated user",
        PrincipalKind.SamlUser => "SAML user",
        PrincipalKind.WebIdentityUser => "web identity user",
        _ => "principal",
    };

    /// <summary>The MFA field's text.</summary>
    public static string Mfa(SigninAlert alert, Func<string, string> escape)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(escape);
        var credential = alert.CredentialType is null ? string.Empty : $" (credential {escape(alert.CredentialType)})";
        return alert.Mfa switch
        {
            MfaStatus.Used => "used",
            MfaStatus.NotUsed => "NOT used",
            MfaStatus.IdentityProvider when alert.Principal.Kind is PrincipalKind.IdentityCenterUser
                || alert.Principal.PermissionSet is not null => "handled by IAM Identity Center" + credential,
            MfaStatus.IdentityProvider => "handled by the identity provider",
            MfaStatus.NotApplicable when alert.Outcome == Outcome.Failure => "not reached (attempt failed)",
            MfaStatus.NotApplicable => "not applicable",
            _ => "not recorded",
        };
    }

    /// <summary>The result field's text, e.g. "Failure: Failed authentication".</summary>
    public static string Result(SigninAlert alert, Func<string, string> escape)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(escape);
        return alert.Outcome switch
        {
            Outcome.Success => "Success",
            Outcome.Failure when alert.FailureReason is not null => "Failure: " + escape(alert.FailureReason),
            Outcome.Failure => "Failure",
            _ => "Not recorded",
        };
    }

    /// <summary>One sentence: who did what, with MFA when it matters, where and from where.</summary>
    public static string Sentence(SigninAlert alert, Func<string, string> escape, string emphasis = "")
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(escape);
        var who = Who(alert, escape, emphasis);
        var what = alert.Activity.Predicate(alert.Outcome);
        var mfa = alert.Mfa == MfaStatus.NotUsed ? " without MFA" : string.Empty;
        var reason = alert.Outcome == Outcome.Failure && alert.FailureReason is not null ? $" ({escape(alert.FailureReason)})" : string.Empty;
        var account = alert.AccountId is null || alert.Principal.Kind == PrincipalKind.Root ? string.Empty : $" in account {escape(alert.AccountId)}";
        var from = alert.SourceIp is null ? string.Empty : $" from {escape(alert.SourceIp)}";
        return $"{Capitalize(who)} {what}{mfa}{reason}{account}{from}";
    }

    // Only our own leading words are capitalized: a user's name is shown as it was recorded.
    private static string Capitalize(string text) =>
        text.StartsWith("the ", StringComparison.Ordinal) || text.StartsWith("an ", StringComparison.Ordinal)
            ? char.ToUpperInvariant(text[0]) + text[1..]
            : text;
}
