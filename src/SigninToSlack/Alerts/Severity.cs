namespace SigninToSlack.Alerts;

/// <summary>How urgently a person should look at a sign-in.</summary>
internal enum Severity
{
    Info,
    High,
    Critical,
}
