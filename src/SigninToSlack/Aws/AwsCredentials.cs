namespace SigninToSlack.Aws;

/// <summary>The keys a request is signed with; <see cref="ToString"/> never shows the secret key or the token.</summary>
internal sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SessionToken = {(SessionToken is null ? "unset" : "set")} }}";
}
