namespace SigninToSlack;

/// <summary>
/// How urgently a person should look at a sign-in: the one term that settings (SIGNIN_MIN_SEVERITY, the webhook per
/// severity) and alerts share, so it belongs to neither.
/// </summary>
internal enum Severity
{
    Info,
    High,
    Critical,
}
