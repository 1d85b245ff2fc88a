using System.Buffers;
using SigninToSlack.Events;
using SigninToSlack.Identity;

namespace SigninToSlack.Alerts;

/// <summary>Turns a sign-in record into a <see cref="SigninAlert"/>: a pure function of the record.</summary>
internal static class AlertClassifier
{
    private const string MaskedName = "HIDDEN_DUE_TO_SECURITY_REASONS";

    /// <exception cref="EventFormatException">A sign-in detail-type without a CloudTrail record.</exception>
    public static Classification Classify(in SigninRecord record)
    {
        if (record.DetailType == SigninEventTypes.ApiCall)
        {
            return TamperClassifier.Classify(in record);
        }

        if (!string.Equals(record.Source, SigninEventTypes.Source, StringComparison.Ordinal))
        {
            return Classification.Skip($"source '{record.Source}' is not {SigninEventTypes.Source}", record.EventId);
        }

        if (!SigninEventTypes.IsSignin(record.DetailType))
        {
            return new Classification(SigninServiceAlert(in record), null, record.EventId);
        }

        if (!record.HasDetail)
        {
            throw new EventFormatException($"{record.DetailType} event {record.EventId} has no detail");
        }

        return new Classification(ToAlert(in record), null, record.EventId);
    }

    private static SigninAlert ToAlert(in SigninRecord record)
    {
        var principal = ResolvePrincipal(in record);
        var outcome = ResolveOutcome(in record, out var failureReason);
        var mfa = ResolveMfa(in record, principal.Kind, outcome);
        return FromRecord(in record, Rate(principal.Kind, outcome, mfa), principal, outcome, mfa, failureReason);
    }

    /// <summary>An alert with what every kind takes from the record as it is: event, account, region, source, time, id.</summary>
    internal static SigninAlert FromRecord(in SigninRecord record, Severity severity, Principal principal, Outcome outcome, MfaStatus mfa, string? failureReason) => new()
    {
        Severity = severity,
        Principal = principal,
        Activity = Activities.For(record.EventName),
        Outcome = outcome,
        Mfa = mfa,
        EventName = record.EventName,
        FailureReason = failureReason,
        CredentialType = record.CredentialType,
        AccountId = record.Account,
        Region = record.Region,
        SourceIp = record.SourceIp,
        UserAgent = record.UserAgent,
        Time = record.Time,
        EventId = record.EventId,
    };

    /// <summary>
    /// A Sign-in Anomaly Alert, or an aws.signin detail-type this product does not know: high, with the known account,
    /// time and identity fields when present and the detail's other fields shown as recorded.
    /// </summary>
    private static SigninAlert SigninServiceAlert(in SigninRecord record)
    {
        var identified = record.IdentityType is not null || record.IdentityUserName is not null || record.IdentityArn is not null || record.ExtraUserName is not null;
        var principal = identified ? ResolvePrincipal(in record) : new Principal(PrincipalKind.Unknown, null);
        return FromRecord(in record, Severity.High, principal, Outcome.Unknown, MfaStatus.NotApplicable, failureReason: null) with
        {
            Kind = AlertKind.SigninService,
            DetailType = record.DetailType,
            Fields = record.DetailFields,
            FieldsOmitted = record.DetailFieldsOmitted,
        };
    }

    internal static Severity Rate(PrincipalKind kind, Outcome outcome, MfaStatus mfa) =>
        kind == PrincipalKind.Root ? Severity.Critical
        : outcome == Outcome.Failure ? Severity.High
        : mfa == MfaStatus.NotUsed ? Severity.High
        : Severity.Info;

    internal static Principal ResolvePrincipal(in SigninRecord record)
    {
        var arn = record.IdentityArn;
        switch (record.IdentityType)
        {
            case "Root":
                return new Principal(PrincipalKind.Root, "root", Arn: arn);
            case "IAMUser":
                return Named(PrincipalKind.IamUser, record.IdentityUserName ?? AfterLast(arn, '/') ?? record.IdentityPrincipalId, arn);
            case "AssumedRole":
                return AssumedRole(in record);
            case "IdentityCenterUser":
                return Named(PrincipalKind.IdentityCenterUser, record.ExtraUserName ?? record.IdentityUserName ?? record.OnBehalfOfUserId ?? record.IdentityPrincipalId, arn);
            case "FederatedUser":
                return Named(PrincipalKind.FederatedUser, AfterLast(arn, '/') ?? AfterLast(record.IdentityPrincipalId, ':'), arn);
            case "SAMLUser":
                return Named(PrincipalKind.SamlUser, record.IdentityUserName ?? record.IdentityPrincipalId, arn);
            case "WebIdentityUser":
                return Named(PrincipalKind.WebIdentityUser, record.IdentityUserName ?? record.IdentityPrincipalId, arn);
            default:
                // IAM Identity Center records failed sign-ins with type Unknown and the typed name in additionalEventData.
                var kind = IsIdentityCenter(in record) ? PrincipalKind.IdentityCenterUser : PrincipalKind.Unknown;
                return Named(kind, record.ExtraUserName ?? record.IdentityUserName ?? NonEmpty(arn) ?? record.IdentityPrincipalId, arn);
        }
    }

    private static Principal Named(PrincipalKind kind, string? name, string? arn) =>
        string.Equals(name, MaskedName, StringComparison.Ordinal)
            ? new Principal(kind, null, Masked: true, Arn: arn)
            : new Principal(kind, string.IsNullOrWhiteSpace(name) ? null : name, Arn: arn);

    private static Principal AssumedRole(in SigninRecord record)
    {
        // arn:aws:sts::111122223333:assumed-role/RoleName/SessionName
        string? role = record.IssuerUserName, session = null;
        if (record.IdentityArn is { } arn && arn.IndexOf(":assumed-role/", StringComparison.Ordinal) is var at and >= 0)
        {
            var path = arn.AsSpan(at + ":assumed-role/".Length);
            var slash = path.LastIndexOf('/');
            if (slash >= 0)
            {
                role ??= path[..slash].ToString();
                session = path[(slash + 1)..].ToString();
            }
        }

        session ??= AfterLast(record.IdentityPrincipalId, ':');
        return AwsNames.HasIdentityCenterName(role) && IsIdentityCenterIssuer(record.IssuerArn)
            ? new Principal(PrincipalKind.AssumedRole, session, Role: role, PermissionSet: AwsNames.PermissionSetOf(role!), Arn: record.IdentityArn)
            : new Principal(PrincipalKind.AssumedRole, session, Role: role, Arn: record.IdentityArn);
    }

    /// <summary>
    /// IAM Identity Center makes its AWSReservedSSO_ roles under the path /aws-reserved/sso.amazonaws.com/, which no one
    /// else can use; a role of that name elsewhere is someone's own role, and its sessions are not Identity Center users.
    /// A record without the issuer's ARN (older records) is judged by the name alone.
    /// </summary>
    private static bool IsIdentityCenterIssuer(string? issuerArn) => issuerArn is null || AwsNames.IsIdentityCenterRoleArn(issuerArn);

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? AfterLast(string? value, char separator)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var at = value.LastIndexOf(separator);
        return at >= 0 && at < value.Length - 1 ? value[(at + 1)..] : null;
    }

    private static bool IsIdentityCenter(in SigninRecord record) =>
        string.Equals(record.EventType, "AwsServiceEvent", StringComparison.OrdinalIgnoreCase) || Activities.IsIdentityCenterEvent(record.EventName);

    internal static Outcome ResolveOutcome(in SigninRecord record, out string? failureReason)
    {
        var recorded = record.ResponseOutcome is RecordedOutcome.Success or RecordedOutcome.Failure
            ? record.ResponseOutcome
            : record.ServiceOutcome;
        var outcome = recorded switch
        {
            RecordedOutcome.Success => Outcome.Success,
            RecordedOutcome.Failure => Outcome.Failure,
            _ when !string.IsNullOrEmpty(record.ErrorMessage) || !string.IsNullOrEmpty(record.ErrorCode) => Outcome.Failure,
            _ => Outcome.Unknown,
        };

        failureReason = outcome == Outcome.Failure
            ? record.ErrorMessage ?? record.ErrorCode ?? record.ServiceFailureReason
            : null;
        return outcome;
    }

    internal static MfaStatus ResolveMfa(in SigninRecord record, PrincipalKind kind, Outcome outcome)
    {
        // A failed attempt never got as far as MFA: calling it "without MFA" would be wrong.
        if (outcome == Outcome.Failure)
        {
            return MfaStatus.NotApplicable;
        }

        if (record.EventName == "CheckMfa")
        {
            return outcome == Outcome.Success ? MfaStatus.Used : MfaStatus.NotApplicable;
        }

        if (kind == PrincipalKind.IdentityCenterUser && UsesSecondFactor(record.CredentialType))
        {
            return MfaStatus.Used;
        }

        if (kind is not (PrincipalKind.IamUser or PrincipalKind.Root))
        {
            // CloudTrail writes MFAUsed "No" for federated sign-ins even when the identity provider asked for MFA.
            return kind == PrincipalKind.Unknown ? MfaStatus.Unknown : MfaStatus.IdentityProvider;
        }

        var used = record.MfaUsed?.Trim();
        if (used is null)
        {
            return record.EventName == "ConsoleLogin" ? MfaStatus.Unknown : MfaStatus.NotApplicable;
        }

        return used.Equals("Yes", StringComparison.OrdinalIgnoreCase) || used.Equals("true", StringComparison.OrdinalIgnoreCase) ? MfaStatus.Used
            : used.Equals("No", StringComparison.OrdinalIgnoreCase) || used.Equals("false", StringComparison.OrdinalIgnoreCase)
                ? (outcome == Outcome.Success ? MfaStatus.NotUsed : MfaStatus.Unknown)
            : MfaStatus.Unknown;
    }

    /// <summary>IAM Identity Center lists the factors it checked, e.g. "PASSWORD,TOTP".</summary>
    private static bool UsesSecondFactor(string? credentialType)
    {
        if (credentialType is null)
        {
            return false;
        }

        foreach (var range in credentialType.AsSpan().Split(','))
        {
            var factor = credentialType.AsSpan()[range].Trim();
            if (factor.Equals("TOTP", StringComparison.OrdinalIgnoreCase) || factor.Equals("WEBAUTHN", StringComparison.OrdinalIgnoreCase)
                || factor.Equals("SMS", StringComparison.OrdinalIgnoreCase) || factor.Equals("EMAIL_OTP", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
