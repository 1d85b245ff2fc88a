using System.Buffers;
using System.Globalization;
using System.Text.Json;
using SigninToSlack.Events;

namespace SigninToSlack.Alerts;

/// <summary>Turns an EventBridge event into a <see cref="SigninAlert"/>: a pure function of the event.</summary>
internal static class AlertClassifier
{
    private const string MaskedName = "HIDDEN_DUE_TO_SECURITY_REASONS";
    private const string SsoRolePrefix = "AWSReservedSSO_";
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public static Classification Classify(EventBridgeEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (!string.Equals(evt.Source, SigninEventTypes.Source, StringComparison.Ordinal))
        {
            return Classification.Skip($"source '{evt.Source}' is not {SigninEventTypes.Source}");
        }

        if (evt.DetailType is not (SigninEventTypes.ConsoleSignIn or SigninEventTypes.ServiceEvent))
        {
            return Classification.Skip($"detail-type '{evt.DetailType}' is not a sign-in");
        }

        var record = evt.Detail
            ?? throw new EventFormatException($"{evt.DetailType} event {evt.Id} has no detail");
        return new Classification(ToAlert(evt, record), null);
    }

    private static SigninAlert ToAlert(EventBridgeEvent evt, CloudTrailRecord record)
    {
        var principal = ResolvePrincipal(record);
        var outcome = ResolveOutcome(record, out var failureReason);
        var mfa = ResolveMfa(record, principal.Kind, outcome);
        return new SigninAlert
        {
            Severity = Rate(principal.Kind, outcome, mfa),
            Principal = principal,
            Activity = Activities.For(record.EventName),
            Outcome = outcome,
            Mfa = mfa,
            EventName = record.EventName,
            FailureReason = failureReason,
            CredentialType = record.AdditionalEventData?.CredentialType,
            AccountId = record.RecipientAccountId ?? evt.Account ?? record.UserIdentity?.AccountId,
            Region = record.AwsRegion ?? evt.Region,
            SourceIp = record.SourceIpAddress,
            UserAgent = record.UserAgent,
            Time = ParseTime(record.EventTime) ?? ParseTime(evt.Time),
            EventId = record.EventId ?? evt.Id,
        };
    }

    internal static Severity Rate(PrincipalKind kind, Outcome outcome, MfaStatus mfa) =>
        kind == PrincipalKind.Root ? Severity.Critical
        : outcome == Outcome.Failure ? Severity.High
        : mfa == MfaStatus.NotUsed ? Severity.High
        : Severity.Info;

    internal static Principal ResolvePrincipal(CloudTrailRecord record)
    {
        var identity = record.UserIdentity;
        var extraName = record.AdditionalEventData?.UserName;
        switch (identity?.Type)
        {
            case "Root":
                return new Principal(PrincipalKind.Root, "root", Arn: identity.Arn);
            case "IAMUser":
                return Named(PrincipalKind.IamUser, identity.UserName ?? AfterLast(identity.Arn, '/') ?? identity.PrincipalId, identity.Arn);
            case "AssumedRole":
                return AssumedRole(identity);
            case "IdentityCenterUser":
                return Named(PrincipalKind.IdentityCenterUser, extraName ?? identity.UserName ?? identity.OnBehalfOf?.UserId ?? identity.PrincipalId, identity.Arn);
            case "FederatedUser":
                return Named(PrincipalKind.FederatedUser, AfterLast(identity.Arn, '/') ?? AfterLast(identity.PrincipalId, ':'), identity.Arn);
            case "SAMLUser":
                return Named(PrincipalKind.SamlUser, identity.UserName ?? identity.PrincipalId, identity.Arn);
            case "WebIdentityUser":
                return Named(PrincipalKind.WebIdentityUser, identity.UserName ?? identity.PrincipalId, identity.Arn);
            default:
                // IAM Identity Center records failed sign-ins with type Unknown and the typed name in additionalEventData.
                var kind = IsIdentityCenter(record) ? PrincipalKind.IdentityCenterUser : PrincipalKind.Unknown;
                return Named(kind, extraName ?? identity?.UserName ?? identity?.Arn ?? identity?.PrincipalId, identity?.Arn);
        }
    }

    private static Principal Named(PrincipalKind kind, string? name, string? arn) =>
        string.Equals(name, MaskedName, StringComparison.Ordinal)
            ? new Principal(kind, null, Masked: true, Arn: arn)
            : new Principal(kind, string.IsNullOrWhiteSpace(name) ? null : name, Arn: arn);

    private static Principal AssumedRole(UserIdentity identity)
    {
        // arn:aws:sts::111122223333:assumed-role/RoleName/SessionName
        string? role = identity.SessionContext?.SessionIssuer?.UserName, session = null;
        if (identity.Arn is { } arn && arn.IndexOf(":assumed-role/", StringComparison.Ordinal) is var at and >= 0)
        {
            var path = arn.AsSpan(at + ":assumed-role/".Length);
            var slash = path.LastIndexOf('/');
            if (slash >= 0)
            {
                role ??= path[..slash].ToString();
                session = path[(slash + 1)..].ToString();
            }
        }

        session ??= AfterLast(identity.PrincipalId, ':');
        if (role is not null && role.StartsWith(SsoRolePrefix, StringComparison.Ordinal))
        {
            return new Principal(PrincipalKind.AssumedRole, session, Role: role, PermissionSet: PermissionSetOf(role), Arn: identity.Arn);
        }

        return new Principal(PrincipalKind.AssumedRole, session, Role: role, Arn: identity.Arn);
    }

    /// <summary>AWSReservedSSO_&lt;PermissionSet&gt;_&lt;16 hex digits&gt; gives the permission set.</summary>
    internal static string? PermissionSetOf(string role)
    {
        var rest = role.AsSpan(SsoRolePrefix.Length);
        var last = rest.LastIndexOf('_');
        var name = last > 0 && IsHex(rest[(last + 1)..]) ? rest[..last] : rest;
        return name.IsEmpty ? null : name.ToString();
    }

    private static bool IsHex(ReadOnlySpan<char> value) =>
        !value.IsEmpty && !value.ContainsAnyExcept(HexDigits);

    private static string? AfterLast(string? value, char separator)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var at = value.LastIndexOf(separator);
        return at >= 0 && at < value.Length - 1 ? value[(at + 1)..] : null;
    }

    private static bool IsIdentityCenter(CloudTrailRecord record) =>
        string.Equals(record.EventType, "AwsServiceEvent", StringComparison.OrdinalIgnoreCase) || Activities.IsIdentityCenterEvent(record.EventName);

    internal static Outcome ResolveOutcome(CloudTrailRecord record, out string? failureReason)
    {
        var outcome = OutcomeIn(record.ResponseElements, record.EventName);
        if (outcome == Outcome.Unknown)
        {
            outcome = OutcomeIn(record.ServiceEventDetails, record.EventName);
        }

        var hasError = !string.IsNullOrEmpty(record.ErrorMessage) || !string.IsNullOrEmpty(record.ErrorCode);
        if (outcome == Outcome.Unknown && hasError)
        {
            outcome = Outcome.Failure;
        }

        failureReason = outcome == Outcome.Failure
            ? record.ErrorMessage ?? record.ErrorCode ?? StringIn(record.ServiceEventDetails, "FailureReason")
            : null;
        return outcome;
    }

    private static Outcome OutcomeIn(JsonElement? container, string? eventName)
    {
        if (eventName is null)
        {
            return Outcome.Unknown;
        }

        return StringIn(container, eventName) switch
        {
            { } text when text.Equals("Success", StringComparison.OrdinalIgnoreCase) => Outcome.Success,
            { } text when text.Equals("Failure", StringComparison.OrdinalIgnoreCase) => Outcome.Failure,
            _ => Outcome.Unknown,
        };
    }

    /// <summary>A string property of an object, matched case-insensitively; null for anything else.</summary>
    private static string? StringIn(JsonElement? container, string name)
    {
        if (container is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals(name) || property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            }
        }

        return null;
    }

    internal static MfaStatus ResolveMfa(CloudTrailRecord record, PrincipalKind kind, Outcome outcome)
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

        if (kind == PrincipalKind.IdentityCenterUser && UsesSecondFactor(record.AdditionalEventData?.CredentialType))
        {
            return MfaStatus.Used;
        }

        if (kind is not (PrincipalKind.IamUser or PrincipalKind.Root))
        {
            // CloudTrail writes MFAUsed "No" for federated sign-ins even when the identity provider asked for MFA.
            return kind == PrincipalKind.Unknown ? MfaStatus.Unknown : MfaStatus.IdentityProvider;
        }

        var used = record.AdditionalEventData?.MfaUsed;
        if (used is null)
        {
            return record.EventName == "ConsoleLogin" ? MfaStatus.Unknown : MfaStatus.NotApplicable;
        }

        return used.Trim() switch
        {
            var v when v.Equals("Yes", StringComparison.OrdinalIgnoreCase) || v.Equals("true", StringComparison.OrdinalIgnoreCase) => MfaStatus.Used,
            var v when v.Equals("No", StringComparison.OrdinalIgnoreCase) || v.Equals("false", StringComparison.OrdinalIgnoreCase)
                => outcome == Outcome.Success ? MfaStatus.NotUsed : MfaStatus.Unknown,
            _ => MfaStatus.Unknown,
        };
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

    private static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
