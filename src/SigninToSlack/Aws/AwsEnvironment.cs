namespace SigninToSlack.Aws;

/// <summary>
/// What a direct AWS call needs from the environment, read when the call is made: the credentials and region Lambda
/// sets, and the SDKs' endpoint overrides (AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then AWS_ENDPOINT_URL).
/// </summary>
internal sealed class AwsEnvironment(Func<string, string?> environment)
{
    public const string AccessKeyIdVariable = "AWS_ACCESS_KEY_ID";
    public const string SecretAccessKeyVariable = "AWS_SECRET_ACCESS_KEY";
    public const string SessionTokenVariable = "AWS_SESSION_TOKEN";
    public const string RegionVariable = "AWS_REGION";
    public const string DefaultRegionVariable = "AWS_DEFAULT_REGION";
    public const string EndpointVariable = "AWS_ENDPOINT_URL";

    /// <summary>Null when the access key or the secret key is not set.</summary>
    public AwsCredentials? Credentials()
    {
        var accessKeyId = Get(AccessKeyIdVariable);
        var secretAccessKey = Get(SecretAccessKeyVariable);
        return accessKeyId is null || secretAccessKey is null ? null : new AwsCredentials(accessKeyId, secretAccessKey, Get(SessionTokenVariable));
    }

    public string? SessionToken() => Get(SessionTokenVariable);

    public string? Region() => Get(RegionVariable) ?? Get(DefaultRegionVariable);

    /// <param name="serviceId">The service's id as the endpoint variables spell it: SSM, SECRETS_MANAGER.</param>
    /// <param name="endpointPrefix">The host prefix of the public endpoint: ssm, secretsmanager.</param>
    /// <returns>Null when an override is set but is not an absolute http(s) URL.</returns>
    public Uri? Endpoint(string serviceId, string endpointPrefix, string region)
    {
        var domain = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return Endpoint(serviceId, new Uri($"https://{endpointPrefix}.{region}.{domain}/"));
    }

    /// <summary>The override for <paramref name="serviceId"/>, else <paramref name="standard"/> (for a global service such as IAM).</summary>
    /// <returns>Null when an override is set but is not an absolute http(s) URL.</returns>
    public Uri? Endpoint(string serviceId, Uri standard)
    {
        var configured = Get($"{EndpointVariable}_{serviceId}") ?? Get(EndpointVariable);
        if (configured is null)
        {
            return standard;
        }

        return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;
    }

    private string? Get(string name) => environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

/// <summary>The keys a request is signed with; <see cref="ToString"/> never shows the secret key or the token.</summary>
internal sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SessionToken = {(SessionToken is null ? "unset" : "set")} }}";
}
