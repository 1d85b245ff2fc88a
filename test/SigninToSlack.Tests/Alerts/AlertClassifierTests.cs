using SigninToSlack.Alerts;
using SigninToSlack.Events;
using SigninToSlack.Text;
using SigninToSlack.Tests.Support;

namespace SigninToSlack.Tests.Alerts;

public sealed class AlertClassifierTests
{
    private const string IamUser = """{"type":"IAMUser","principalId":"AIDA1","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","userName":"alice"}""";

    private static string Login(string identity, string result = "Success", string? mfa = "Yes", string extra = "") =>
        $$"""
        {"eventVersion":"1.08","userIdentity":{{identity}},"eventTime":"2026-11-27T10:00:00Z","eventSource":"signin.amazonaws.com",
         "eventName":"ConsoleLogin","awsRegion":"us-east-1","sourceIPAddress":"192.0.2.1","userAgent":"Mozilla/5.0",
         "responseElements":{"ConsoleLogin":"{{result}}"}
         {{(mfa is null ? "" : $$""","additionalEventData":{"LoginTo":"https://console.aws.amazon.com","MFAUsed":"{{mfa}}"}""")}}
         {{extra}},"eventID":"e-1","eventType":"AwsConsoleSignIn","recipientAccountId":"111122223333"}
        """;

    [Fact]
    public void Classify_RootWithoutUserName_IsCriticalAlertForRoot()
    {
        var alert = Samples.Alert(Login("""{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333"}"""));

        Assert.Equal(PrincipalKind.Root, alert.Principal.Kind);
        Assert.Equal(Severity.Critical, alert.Severity);
        Assert.Equal(MfaStatus.Used, alert.Mfa);
    }

    [Fact]
    public void Classify_RootFailure_IsCritical()
    {
        var alert = Samples.Alert(Login("""{"type":"Root","accountId":"111122223333"}""", "Failure", extra: ""","errorMessage":"Failed authentication" """));

        Assert.Equal(Severity.Critical, alert.Severity);
        Assert.Equal(Outcome.Failure, alert.Outcome);
        Assert.Equal("Failed authentication", alert.FailureReason);
    }

    [Theory]
    [InlineData("Yes", nameof(MfaStatus.Used), nameof(Severity.Info))]
    [InlineData("yes", nameof(MfaStatus.Used), nameof(Severity.Info))]
    [InlineData("No", nameof(MfaStatus.NotUsed), nameof(Severity.High))]
    [InlineData("NO", nameof(MfaStatus.NotUsed), nameof(Severity.High))]
    [InlineData(null, nameof(MfaStatus.Unknown), nameof(Severity.Info))]
    public void Classify_IamUserSuccess_MfaDecidesSeverity(string? mfaUsed, string mfa, string severity)
    {
        var expectedMfa = Enum.Parse<MfaStatus>(mfa);
        var expectedSeverity = Enum.Parse<Severity>(severity);

        var alert = Samples.Alert(Login(IamUser, mfa: mfaUsed));

        Assert.Equal(PrincipalKind.IamUser, alert.Principal.Kind);
        Assert.Equal("alice", alert.Principal.Name);
        Assert.Equal(expectedMfa, alert.Mfa);
        Assert.Equal(expectedSeverity, alert.Severity);
    }

    [Fact]
    public void Classify_IamUserFailureWithMfaNo_IsFailureNotWithoutMfa()
    {
        var alert = Samples.Alert(Login(IamUser, "Failure", "No", ""","errorMessage":"Failed authentication" """));

        Assert.Equal(Outcome.Failure, alert.Outcome);
        Assert.Equal(MfaStatus.NotApplicable, alert.Mfa);
        Assert.Equal(Severity.High, alert.Severity);
        Assert.DoesNotContain("without MFA", AlertText.PlainSentence(alert), StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_MaskedUserName_IsUnknownUserNotDropped()
    {
        var alert = Samples.Alert(Login("""{"type":"IAMUser","accountId":"111122223333","userName":"HIDDEN_DUE_TO_SECURITY_REASONS"}""", "Failure", "No"));

        Assert.True(alert.Principal.Masked);
        Assert.Null(alert.Principal.Name);
        Assert.Equal(Severity.High, alert.Severity);
        Assert.Contains("unknown IAM user", Samples.Render((ref TextBuilder text, SigninAlert a) => AlertText.Who(ref text, a), alert), StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_SsoRole_ShowsPersonAndPermissionSetWithIdentityProviderMfa()
    {
        var alert = Samples.Alert(Login(
            """{"type":"AssumedRole","principalId":"AROA1:jane@example.com","arn":"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_Access_0123456789abcdef/jane@example.com","accountId":"111122223333"}""",
            mfa: "No"));

        Assert.Equal("jane@example.com", alert.Principal.Name);
        Assert.Equal("Admin_Access", alert.Principal.PermissionSet);
        Assert.Equal(MfaStatus.IdentityProvider, alert.Mfa);
        Assert.Equal(Severity.Info, alert.Severity);
        Assert.Equal("jane@example.com (IAM Identity Center, permission set Admin_Access)", Samples.Render((ref TextBuilder text, SigninAlert a) => AlertText.Who(ref text, a), alert));
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-2/AWSReservedSSO_Admin_Access_0123456789abcdef", "Admin_Access")]
    [InlineData("arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_Access_0123456789abcdef", null)]
    [InlineData("arn:aws:iam::111122223333:role/custom/AWSReservedSSO_Admin_Access_0123456789abcdef", null)]
    public void Classify_SsoNamedRole_IsIdentityCenterOnlyUnderItsReservedPath(string issuerArn, string? permissionSet)
    {
        var alert = Samples.Alert(Login(
            $$$$"""{"type":"AssumedRole","principalId":"AROA1:jane@example.com","arn":"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_Access_0123456789abcdef/jane@example.com","accountId":"111122223333","sessionContext":{"sessionIssuer":{"type":"Role","arn":"{{{{issuerArn}}}}","userName":"AWSReservedSSO_Admin_Access_0123456789abcdef"}}}"""));

        Assert.Equal(permissionSet, alert.Principal.PermissionSet);
        Assert.Equal("AWSReservedSSO_Admin_Access_0123456789abcdef", alert.Principal.Role);
    }

    [Fact]
    public void Classify_FederatedRoleWithMfaNo_NeverSaysWithoutMfa()
    {
        var alert = Samples.Alert(Login(
            """{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/okta-admin/bob","sessionContext":{"sessionIssuer":{"type":"Role","userName":"okta-admin"}}}""",
            mfa: "No"));

        Assert.Equal("okta-admin", alert.Principal.Role);
        Assert.Equal("bob", alert.Principal.Name);
        Assert.Equal(MfaStatus.IdentityProvider, alert.Mfa);
        Assert.Equal("handled by the identity provider", Samples.Render(AlertText.Mfa, alert));
    }

    [Fact]
    public void Classify_FederatedUser_TakesNameFromArn()
    {
        var alert = Samples.Alert(Login("""{"type":"FederatedUser","principalId":"111122223333:carol","arn":"arn:aws:sts::111122223333:federated-user/carol"}""", mfa: "No"));

        Assert.Equal(PrincipalKind.FederatedUser, alert.Principal.Kind);
        Assert.Equal("carol", alert.Principal.Name);
        Assert.Equal(Severity.Info, alert.Severity);
    }

    [Fact]
    public void Classify_IdentityCenterFailure_ReadsServiceEventDetailsAndUserName()
    {
        var alert = Samples.Alert(
            """
            {"eventVersion":"1.08","userIdentity":{"type":"Unknown","principalId":"111122223333","arn":"","accountId":"111122223333","userName":"dana"},
             "eventSource":"signin.amazonaws.com","eventName":"CredentialVerification","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.9",
             "responseElements":null,"additionalEventData":{"CredentialType":"PASSWORD"},
             "serviceEventDetails":{"CredentialVerification":"Failure"},"eventType":"AwsServiceEvent","recipientAccountId":"111122223333"}
            """,
            SigninEventTypes.ServiceEvent);

        Assert.Equal(PrincipalKind.IdentityCenterUser, alert.Principal.Kind);
        Assert.Equal("dana", alert.Principal.Name);
        Assert.Equal(Outcome.Failure, alert.Outcome);
        Assert.Equal(Severity.High, alert.Severity);
        Assert.Same(Activities.CredentialVerification, alert.Activity);
    }

    [Fact]
    public void Classify_IdentityCenterUserWithTotp_CountsAsMfaUsed()
    {
        var alert = Samples.Alert(
            """
            {"userIdentity":{"type":"IdentityCenterUser","accountId":"111122223333"},"eventName":"UserAuthentication",
             "additionalEventData":{"UserName":"erin","CredentialType":"PASSWORD,TOTP"},
             "serviceEventDetails":{"UserAuthentication":"Success"},"eventType":"AwsServiceEvent"}
            """,
            SigninEventTypes.ServiceEvent);

        Assert.Equal("erin", alert.Principal.Name);
        Assert.Equal(MfaStatus.Used, alert.Mfa);
        Assert.Equal(Severity.Info, alert.Severity);
    }

    [Theory]
    [InlineData("CheckMfa", "passed the console MFA check")]
    [InlineData("SwitchRole", "switched role in the console")]
    [InlineData("ExitRole", "left a switched role in the console")]
    [InlineData("RenewRole", "renewed a switched-role session")]
    [InlineData("PasswordUpdated", "changed their console password")]
    [InlineData("GetSigninToken", "got a console sign-in token (federation)")]
    public void Classify_OtherEventNames_UseTheirOwnWords(string eventName, string predicate)
    {
        var alert = Samples.Alert($$$"""{"userIdentity":{{{IamUser}}},"eventName":"{{{eventName}}}","responseElements":{"{{{eventName}}}":"Success"}}""");

        Assert.Equal(Outcome.Success, alert.Outcome);
        Assert.Equal(predicate, alert.Activity.Predicate(alert.Outcome));
        Assert.DoesNotContain("signed in to the AWS console", AlertText.PlainSentence(alert), StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_UnknownEventName_KeepsOnlyIdentifierCharactersInLabel()
    {
        var alert = Samples.Alert($$"""{"userIdentity":{{IamUser}},"eventName":"Weird<!here>Step"}""");

        Assert.Equal("Sign-in event WeirdhereStep", alert.Activity.Label);
    }

    [Fact]
    public void Classify_RecordWithEverythingMissing_StillGivesAnAlert()
    {
        var alert = Samples.Alert("{}");

        Assert.Equal(PrincipalKind.Unknown, alert.Principal.Kind);
        Assert.Equal(Outcome.Unknown, alert.Outcome);
        Assert.Equal("111122223333", alert.AccountId);
        Assert.Equal("An unknown principal recorded sign-in step (unnamed) in account 111122223333", AlertText.PlainSentence(alert));
    }

    [Fact]
    public void Classify_FieldsOfUnexpectedType_AreReadLeniently()
    {
        var alert = Samples.Alert($$$"""{"userIdentity":{{{IamUser}}},"eventName":"ConsoleLogin","sourceIPAddress":12345,"userAgent":{"x":1},"additionalEventData":{"MFAUsed":true},"responseElements":{"ConsoleLogin":"Success"}}""");

        Assert.Equal("12345", alert.SourceIp);
        Assert.Null(alert.UserAgent);
        Assert.Equal(MfaStatus.Used, alert.Mfa);
    }

    [Theory]
    [InlineData("AWS API Call via CloudTrail", "aws.signin")]
    [InlineData("AWS Console Sign In via CloudTrail", "aws.iam")]
    public void Classify_NotASigninEvent_IsSkippedWithReason(string detailType, string source)
    {
        var result = AlertClassifier.Classify(Samples.Event("{}", detailType, source));

        Assert.Null(result.Alert);
        Assert.False(string.IsNullOrEmpty(result.SkipReason));
    }

    [Fact]
    public void Classify_SigninDetailTypeWithoutDetail_IsAFormatError()
    {
        var evt = SigninEventReader.Read("""{"id":"x","source":"aws.signin","detail-type":"AWS Console Sign In via CloudTrail"}"""u8);

        var error = Assert.Throws<EventFormatException>(() => AlertClassifier.Classify(evt));
        Assert.Contains("no detail", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWSReservedSSO_ReadOnly_0a1b2c3d4e5f6789", "ReadOnly")]
    [InlineData("AWSReservedSSO_Power_User_Access_0a1b2c3d4e5f6789", "Power_User_Access")]
    [InlineData("AWSReservedSSO_NoSuffix", "NoSuffix")]
    public void PermissionSetOf_SsoRoleName_StripsPrefixAndIdSuffix(string role, string expected) =>
        Assert.Equal(expected, SigninToSlack.Identity.AwsNames.PermissionSetOf(role));
}
