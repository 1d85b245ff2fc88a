using SigninToSlack.Text;

namespace SigninToSlack.Alerts;

/// <summary>
/// The words an alert reads as. Values from the event go through <see cref="TextBuilder.AppendValue(ReadOnlySpan{char})"/>,
/// so the same wording serves Slack (values cleaned, emphasis marked) and plain text.
/// </summary>
internal static class AlertText
{
    public static string SeverityWord(Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.High => "high",
        _ => "info",
    };

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

    /// <summary>Who signed in, e.g. "IAM user alice" or "the root user of 111122223333".</summary>
    public static void Who(ref TextBuilder text, SigninAlert alert, string emphasis = "")
    {
        ArgumentNullException.ThrowIfNull(alert);
        var p = alert.Principal;
        if (p.Kind == PrincipalKind.Root)
        {
            text.Append("the root user");
            if (alert.AccountId is not null)
            {
                text.Append(" of ");
                Emphasized(ref text, alert.AccountId, emphasis);
            }

            return;
        }

        if (p.Masked)
        {
            text.Append("an unknown ");
            text.Append(KindWord(p.Kind));
            text.Append(" (name hidden by AWS)");
            return;
        }

        if (p.Kind is PrincipalKind.AssumedRole or PrincipalKind.Unknown || p.Name is null)
        {
            if (p.Name is null)
            {
                text.Append(p.Kind switch
                {
                    PrincipalKind.AssumedRole => "an unknown session",
                    PrincipalKind.Unknown => "an unknown principal",
                    _ => "an unnamed " + KindWord(p.Kind),
                });
            }
            else
            {
                Emphasized(ref text, p.Name, emphasis);
            }

            if (p.Kind == PrincipalKind.AssumedRole)
            {
                if (p.PermissionSet is not null)
                {
                    text.Append(" (IAM Identity Center, permission set ");
                    Emphasized(ref text, p.PermissionSet, emphasis);
                }
                else
                {
                    text.Append(" (role ");
                    EmphasizedOr(ref text, p.Role, "unknown", emphasis);
                }

                text.Append(')');
            }

            return;
        }

        text.Append(KindWord(p.Kind));
        text.Append(' ');
        Emphasized(ref text, p.Name, emphasis);
    }

    /// <summary>The MFA field's text.</summary>
    public static void Mfa(ref TextBuilder text, SigninAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        switch (alert.Mfa)
        {
            case MfaStatus.Used:
                text.Append("used");
                break;
            case MfaStatus.NotUsed:
                text.Append("NOT used");
                break;
            case MfaStatus.IdentityProvider when alert.Principal.Kind is PrincipalKind.IdentityCenterUser || alert.Principal.PermissionSet is not null:
                text.Append("handled by IAM Identity Center");
                if (alert.CredentialType is not null)
                {
                    text.Append(" (credential ");
                    text.AppendValue(alert.CredentialType);
                    text.Append(')');
                }

                break;
            case MfaStatus.IdentityProvider:
                text.Append("handled by the identity provider");
                break;
            case MfaStatus.NotApplicable when alert.Outcome == Outcome.Failure:
                text.Append("not reached (attempt failed)");
                break;
            case MfaStatus.NotApplicable:
                text.Append("not applicable");
                break;
            default:
                text.Append("not recorded");
                break;
        }
    }

    /// <summary>The result field's text, e.g. "Failure: Failed authentication".</summary>
    public static void Result(ref TextBuilder text, SigninAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        switch (alert.Outcome)
        {
            case Outcome.Success:
                text.Append("Success");
                break;
            case Outcome.Failure:
                text.Append("Failure");
                if (alert.FailureReason is not null)
                {
                    text.Append(": ");
                    text.AppendValue(alert.FailureReason);
                }

                break;
            default:
                text.Append("Not recorded");
                break;
        }
    }

    /// <summary>One sentence: who did what, without MFA when so, why it failed, where and from where.</summary>
    public static void Sentence(ref TextBuilder text, SigninAlert alert, string emphasis = "")
    {
        ArgumentNullException.ThrowIfNull(alert);
        switch (alert.Kind)
        {
            case AlertKind.Tamper:
                TamperSentence(ref text, alert, emphasis);
                return;
            case AlertKind.SigninService:
                ServiceSentence(ref text, alert, emphasis);
                return;
        }

        var start = text.Length;
        Who(ref text, alert, emphasis);

        // Only this product's own leading words are capitalized: a user's name is shown as it was recorded.
        var who = text.Text[start..];
        if (who.StartsWith("the ", StringComparison.Ordinal) || who.StartsWith("an ", StringComparison.Ordinal))
        {
            text.Capitalize(start);
        }

        text.Append(' ');
        text.Append(alert.Activity.Predicate(alert.Outcome));
        if (alert.Mfa == MfaStatus.NotUsed)
        {
            text.Append(" without MFA");
        }

        if (alert.Outcome == Outcome.Failure && alert.FailureReason is not null)
        {
            text.Append(" (");
            text.AppendValue(alert.FailureReason);
            text.Append(')');
        }

        Where(ref text, alert);
    }

    /// <summary>" in account X from IP": root's account is already in its name.</summary>
    private static void Where(ref TextBuilder text, SigninAlert alert)
    {
        if (alert.AccountId is not null && alert.Principal.Kind != PrincipalKind.Root)
        {
            text.Append(" in account ");
            text.AppendValue(alert.AccountId);
        }

        if (alert.SourceIp is not null)
        {
            text.Append(" from ");
            text.AppendValue(alert.SourceIp);
        }

        AfterFailures(ref text, alert);
    }

    /// <summary>" after 7 failed attempts" for a success that followed failures from its source IP; nothing otherwise.</summary>
    public static void AfterFailures(ref TextBuilder text, SigninAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.FailedBefore > 0)
        {
            text.Append(" after ");
            text.AppendFormatted(alert.FailedBefore);
            text.Append(alert.FailedBefore == 1 ? " failed attempt" : " failed attempts");
        }
    }

    /// <summary>
    /// "CloudTrail logging stopped on trail management-events by alice (IAM user) in account ... from ...", or for a refused
    /// call "An attempt to stop CloudTrail logging on trail ... by ... was refused (AccessDenied) ...".
    /// </summary>
    private static void TamperSentence(ref TextBuilder text, SigninAlert alert, string emphasis)
    {
        var change = alert.Change!;
        var refused = alert.Outcome == Outcome.Failure;
        if (refused)
        {
            text.Append("An attempt to ");
            text.Append(change.Attempt);
        }
        else
        {
            text.Append(change.Done);
        }

        text.Append(" on ");
        text.Append(change.Noun);
        text.Append(' ');
        EmphasizedOr(ref text, alert.Resource, "(not recorded)", emphasis);

        text.Append(" by ");
        By(ref text, alert, emphasis);
        if (refused)
        {
            text.Append(" was refused");
            if (alert.FailureReason is not null)
            {
                text.Append(" (");
                text.AppendValue(alert.FailureReason);
                text.Append(')');
            }
        }

        Where(ref text, alert);
    }

    /// <summary>Who made a call: "alice (IAM user)"; roots, sessions and unnamed principals as <see cref="Who"/> says them.</summary>
    private static void By(ref TextBuilder text, SigninAlert alert, string emphasis)
    {
        var p = alert.Principal;
        if (p.Kind is PrincipalKind.Root or PrincipalKind.AssumedRole or PrincipalKind.Unknown || p.Name is null || p.Masked)
        {
            Who(ref text, alert, emphasis);
            return;
        }

        Emphasized(ref text, p.Name, emphasis);
        text.Append(" (");
        text.Append(KindWord(p.Kind));
        text.Append(')');
    }

    /// <summary>"AWS Sign-In sent a sign-in anomaly alert about ... in account ...", or names a detail-type it does not know.</summary>
    private static void ServiceSentence(ref TextBuilder text, SigninAlert alert, string emphasis)
    {
        if (alert.DetailType == Events.SigninEventTypes.AnomalyAlert)
        {
            text.Append("AWS Sign-In sent a sign-in anomaly alert");
        }
        else
        {
            text.Append("AWS Sign-In sent an event of a type this product does not know (");
            text.AppendValue(alert.DetailType ?? "no detail-type");
            text.Append(')');
        }

        if (alert.Principal.Kind != PrincipalKind.Unknown || alert.Principal.Name is not null)
        {
            text.Append(" about ");
            Who(ref text, alert, emphasis);
        }

        Where(ref text, alert);
    }

    /// <summary>The sentence as plain text, for log lines and the terminal.</summary>
    public static string PlainSentence(SigninAlert alert)
    {
        var text = new TextBuilder(forSlack: false, 256);
        try
        {
            Sentence(ref text, alert);
            return text.ToString();
        }
        finally
        {
            text.Dispose();
        }
    }

    /// <summary>The value emphasized, or this product's words for a value not recorded.</summary>
    private static void EmphasizedOr(ref TextBuilder text, string? value, string missing, string emphasis)
    {
        if (value is null)
        {
            text.Append(missing);
        }
        else
        {
            Emphasized(ref text, value, emphasis);
        }
    }

    private static void Emphasized(ref TextBuilder text, string value, string emphasis)
    {
        text.Append(emphasis);
        text.AppendValue(value);
        text.Append(emphasis);
    }
}
