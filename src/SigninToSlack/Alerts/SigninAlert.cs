namespace SigninToSlack.Alerts;

/// <summary>
/// What one event means: who, what, whether it worked, MFA, where from, and how much it matters. Most are sign-ins;
/// <see cref="Kind"/> tells a change to what this product relies on, and a sign-in service event, apart.
/// </summary>
internal sealed record SigninAlert
{
    public AlertKind Kind { get; init; }

    public required Severity Severity { get; init; }

    public required Principal Principal { get; init; }

    public required Activity Activity { get; init; }

    public required Outcome Outcome { get; init; }

    public required MfaStatus Mfa { get; init; }

    /// <summary>The event name as recorded (untrusted text).</summary>
    public string? EventName { get; init; }

    /// <summary>Why a failed attempt failed, e.g. "Failed authentication".</summary>
    public string? FailureReason { get; init; }

    /// <summary>The credential IAM Identity Center checked (PASSWORD, TOTP, WEBAUTHN, ...).</summary>
    public string? CredentialType { get; init; }

    public string? AccountId { get; init; }

    public string? Region { get; init; }

    public string? SourceIp { get; init; }

    public string? UserAgent { get; init; }

    public DateTimeOffset? Time { get; init; }

    public string? EventId { get; init; }

    /// <summary>
    /// Failed sign-ins from this success's source IP that came before it (in the same batch, or the burst window); 0
    /// when none is known. Set by the pipeline, never read from the event.
    /// </summary>
    public int FailedBefore { get; init; }

    /// <summary>What configuration adds (account name, network label, the person to mention); null by default, so an alert stays small.</summary>
    public AlertContext? Context { get; init; }

    /// <summary>A tamper alert's action: what the call does, worded.</summary>
    public TamperAction? Change { get; init; }

    /// <summary>A tamper alert's event source (e.g. cloudtrail.amazonaws.com), as recorded.</summary>
    public string? EventSource { get; init; }

    /// <summary>A tamper alert's resource, from its request parameters (untrusted text).</summary>
    public string? Resource { get; init; }

    /// <summary>
    /// Fields shown generically, as recorded (untrusted names and values): a tamper alert's other request parameters,
    /// or a sign-in service event's detail.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Fields { get; init; }

    /// <summary>How many fields were left out past the limit.</summary>
    public int FieldsOmitted { get; init; }

    /// <summary>A sign-in service event's detail-type, as recorded (untrusted text).</summary>
    public string? DetailType { get; init; }
}
