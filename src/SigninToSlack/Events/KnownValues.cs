namespace SigninToSlack.Events;

/// <summary>Values that sign-in events repeat, kept as one instance each so reading them allocates nothing.</summary>
internal static class KnownValues
{
    public static readonly string[] DetailTypes =
    [
        "AWS Console Sign In via CloudTrail", "AWS Service Event via CloudTrail", "AWS API Call via CloudTrail", "Sign-in Anomaly Alert",
    ];

    public static readonly string[] Sources = ["aws.signin", "aws.iam", "aws.sts", "aws.sso"];

    public static readonly string[] EventSources =
    [
        "signin.amazonaws.com", "sso.amazonaws.com", "iam.amazonaws.com", "cloudtrail.amazonaws.com", "events.amazonaws.com", "lambda.amazonaws.com",
        "ssm.amazonaws.com", "secretsmanager.amazonaws.com",
    ];

    public static readonly string[] EventNames =
    [
        "ConsoleLogin", "CheckMfa", "SwitchRole", "ExitRole", "RenewRole", "PasswordUpdated", "GetSigninToken",
        "UserAuthentication", "CredentialChallenge", "CredentialVerification", "PasswordRecoveryRequested", "PasswordRecoveryCompleted",
    ];

    public static readonly string[] EventTypes = ["AwsConsoleSignIn", "AwsServiceEvent", "AwsApiCall", "AwsConsoleSignin", "AWSServiceEvent"];

    public static readonly string[] IdentityTypes =
    [
        "Root", "IAMUser", "AssumedRole", "IdentityCenterUser", "FederatedUser", "SAMLUser", "WebIdentityUser", "Unknown", "AWSService", "AWSAccount",
    ];

    public static readonly string[] YesNo = ["Yes", "No", "yes", "no", "YES", "NO", "true", "false"];

    public static readonly string[] ErrorMessages =
    [
        "Failed authentication", "No username found in supplied account", "Invalid login", "Account locked",
    ];

    public static readonly string[] UserNames = ["HIDDEN_DUE_TO_SECURITY_REASONS"];

    public static readonly string[] CredentialTypes = ["PASSWORD", "TOTP", "WEBAUTHN", "PASSWORD,TOTP", "PASSWORD,WEBAUTHN", "EXTERNAL_IDP", "SMS", "EMAIL_OTP"];

    public static readonly string[] Regions =
    [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
        "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2",
        "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1",
        "me-central-1", "mx-central-1", "sa-east-1", "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1",
    ];
}
