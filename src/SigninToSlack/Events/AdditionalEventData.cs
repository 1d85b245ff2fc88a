using System.Text.Json.Serialization;

namespace SigninToSlack.Events;

/// <summary>The <c>additionalEventData</c> of a sign-in record: MFA use for console sign-ins, the user for Identity Center.</summary>
internal sealed record AdditionalEventData
{
    [JsonPropertyName("LoginTo")]
    public string? LoginTo { get; init; }

    [JsonPropertyName("MobileVersion")]
    public string? MobileVersion { get; init; }

    [JsonPropertyName("MFAUsed")]
    public string? MfaUsed { get; init; }

    [JsonPropertyName("MFAIdentifier")]
    public string? MfaIdentifier { get; init; }

    [JsonPropertyName("UserName")]
    public string? UserName { get; init; }

    [JsonPropertyName("CredentialType")]
    public string? CredentialType { get; init; }
}
