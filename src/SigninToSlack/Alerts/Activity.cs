namespace SigninToSlack.Alerts;

/// <summary>The wording for one kind of sign-in event: a short label and what the person did, by outcome.</summary>
/// <param name="Label">A title-case label from a fixed vocabulary (safe for a plain-text header).</param>
/// <param name="Succeeded">Predicate for a success, e.g. "signed in to the AWS console".</param>
/// <param name="Failed">Predicate for a failure.</param>
/// <param name="Attempted">Predicate when the outcome was not recorded.</param>
internal sealed record Activity(string Label, string Succeeded, string Failed, string Attempted)
{
    public string Predicate(Outcome outcome) => outcome switch
    {
        Outcome.Success => Succeeded,
        Outcome.Failure => Failed,
        _ => Attempted,
    };
}

/// <summary>The wording of every sign-in event name this product knows, and a safe default for the rest.</summary>
internal static class Activities
{
    public static readonly Activity ConsoleLogin = new(
        "Console sign-in", "signed in to the AWS console", "failed to sign in to the AWS console", "tried to sign in to the AWS console");

    public static readonly Activity CheckMfa = new(
        "Console MFA check", "passed the console MFA check", "failed the console MFA check", "was asked for MFA at console sign-in");

    public static readonly Activity SwitchRole = new(
        "Switch role", "switched role in the console", "failed to switch role in the console", "tried to switch role in the console");

    public static readonly Activity ExitRole = new(
        "Exit role", "left a switched role in the console", "failed to leave a switched role", "left a switched role in the console");

    public static readonly Activity RenewRole = new(
        "Renew role", "renewed a switched-role session", "failed to renew a switched-role session", "renewed a switched-role session");

    public static readonly Activity PasswordUpdated = new(
        "Console password change", "changed their console password", "failed to change their console password", "changed their console password");

    public static readonly Activity GetSigninToken = new(
        "Federated sign-in token", "got a console sign-in token (federation)", "failed to get a console sign-in token", "asked for a console sign-in token (federation)");

    public static readonly Activity UserAuthentication = new(
        "Identity Center sign-in", "signed in to IAM Identity Center", "failed to sign in to IAM Identity Center", "tried to sign in to IAM Identity Center");

    public static readonly Activity CredentialChallenge = new(
        "Identity Center credential challenge", "was challenged for a credential by IAM Identity Center", "failed an IAM Identity Center credential challenge", "was challenged for a credential by IAM Identity Center");

    public static readonly Activity CredentialVerification = new(
        "Identity Center credential check", "passed an IAM Identity Center credential check", "failed an IAM Identity Center credential check", "had a credential checked by IAM Identity Center");

    /// <summary>The event names that IAM Identity Center records for its own sign-in steps.</summary>
    public static bool IsIdentityCenterEvent(string? eventName) =>
        eventName is "UserAuthentication" or "CredentialChallenge" or "CredentialVerification"
            or "PasswordRecoveryRequested" or "PasswordRecoveryCompleted";

    public static Activity For(string? eventName) => eventName switch
    {
        "ConsoleLogin" => ConsoleLogin,
        "CheckMfa" => CheckMfa,
        "SwitchRole" => SwitchRole,
        "ExitRole" => ExitRole,
        "RenewRole" => RenewRole,
        "PasswordUpdated" => PasswordUpdated,
        "GetSigninToken" => GetSigninToken,
        "UserAuthentication" => UserAuthentication,
        "CredentialChallenge" => CredentialChallenge,
        "CredentialVerification" => CredentialVerification,
        _ => Other(eventName),
    };

    private static Activity Other(string? eventName)
    {
        // The name comes from the event: keep only a plain identifier so the label stays safe as plain text.
        var name = Identifier(eventName);
        return new Activity(
            $"Sign-in event {name}", $"completed sign-in step {name}", $"failed sign-in step {name}", $"recorded sign-in step {name}");
    }

    private static string Identifier(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "(unnamed)";
        }

        Span<char> buffer = stackalloc char[Math.Min(value.Length, 64)];
        var length = 0;
        foreach (var c in value)
        {
            if (length == buffer.Length)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                buffer[length++] = c;
            }
        }

        return length == 0 ? "(unnamed)" : new string(buffer[..length]);
    }
}
