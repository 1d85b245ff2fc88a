namespace SigninToSlack.Alerts;

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
