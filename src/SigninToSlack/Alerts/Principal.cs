
namespace SigninToSlack.Alerts;

/// <summary>Who signed in: a display name plus what qualifies it (role, permission set).</summary>
/// <param name="Kind">The identity type.</param>
/// <param name="Name">The person, user or session name; null when AWS did not record it or hid it.</param>
/// <param name="Masked">AWS replaced the name typed at a failed sign-in with HIDDEN_DUE_TO_SECURITY_REASONS.</param>
/// <param name="Role">The IAM role of an assumed-role session.</param>
/// <param name="PermissionSet">The IAM Identity Center permission set behind an <c>AWSReservedSSO_</c> role.</param>
/// <param name="Arn">The principal's ARN, when recorded.</param>
internal readonly record struct Principal(
    PrincipalKind Kind,
    string? Name,
    bool Masked = false,
    string? Role = null,
    string? PermissionSet = null,
    string? Arn = null);
