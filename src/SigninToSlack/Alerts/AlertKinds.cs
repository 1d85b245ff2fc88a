namespace SigninToSlack.Alerts;

/// <summary>What an alert is about.</summary>
internal enum AlertKind
{
    /// <summary>A sign-in, or a step of one.</summary>
    SignIn,

    /// <summary>A call that changes what this product relies on: its trail, rules, function, secrets or roles.</summary>
    Tamper,

    /// <summary>An event AWS Sign-In sends that is not a sign-in record: a Sign-in Anomaly Alert, or a detail-type this product does not know.</summary>
    SigninService,
}

/// <summary>Whether the sign-in step worked, as CloudTrail recorded it.</summary>
internal enum Outcome
{
    Unknown,
    Success,
    Failure,
}

/// <summary>The kind of identity that signed in.</summary>
internal enum PrincipalKind
{
    Unknown,
    Root,
    IamUser,
    AssumedRole,
    IdentityCenterUser,
    FederatedUser,
    SamlUser,
    WebIdentityUser,
}

/// <summary>What can honestly be said about MFA for one sign-in event.</summary>
internal enum MfaStatus
{
    /// <summary>CloudTrail did not say.</summary>
    Unknown,

    /// <summary>An IAM user or root signed in with MFA, or passed the MFA check.</summary>
    Used,

    /// <summary>An IAM user or root signed in successfully without MFA.</summary>
    NotUsed,

    /// <summary>Federated and Identity Center sign-ins: the identity provider handles MFA and CloudTrail cannot tell.</summary>
    IdentityProvider,

    /// <summary>The attempt failed, or the event is not a sign-in that MFA applies to.</summary>
    NotApplicable,
}
