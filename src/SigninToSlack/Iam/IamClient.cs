using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using SigninToSlack.Aws;

namespace SigninToSlack.Iam;

/// <summary>
/// The IAM Query API calls containment needs, signed with <see cref="SigV4Signer"/>: form-encoded POSTs to IAM's
/// global endpoint (https://iam.amazonaws.com/, signed for us-east-1; China and GovCloud have their own), or to
/// AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL when set. Every failure is an <see cref="IamException"/>.
/// </summary>
internal sealed class IamClient(AwsJsonClient client, AwsEnvironment aws, TimeProvider timeProvider)
{
    public const string ApiVersion = "2010-05-08";

    /// <summary>How long one call may take.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private static readonly MediaTypeHeaderValue Form = new("application/x-www-form-urlencoded") { CharSet = "utf-8" };

    /// <summary>The user's ARN.</summary>
    public async Task<string> GetUserArnAsync(string userName, CancellationToken cancellationToken) =>
        Required(await CallAsync("GetUser", [new("UserName", userName)], cancellationToken), "Arn", "GetUser");

    /// <summary>The role's ARN.</summary>
    public async Task<string> GetRoleArnAsync(string roleName, CancellationToken cancellationToken) =>
        Required(await CallAsync("GetRole", [new("RoleName", roleName)], cancellationToken), "Arn", "GetRole");

    /// <summary>Every access key of the user, active or not (a user has at most two).</summary>
    public async Task<IReadOnlyList<AccessKey>> ListAccessKeysAsync(string userName, CancellationToken cancellationToken)
    {
        var keys = new List<AccessKey>();
        await PagesAsync("ListAccessKeys", [new("UserName", userName)], "AccessKeyMetadata", page =>
        {
            foreach (var member in page)
            {
                if (member.TryGetValue("AccessKeyId", out var id) && id.Length > 0)
                {
                    keys.Add(new AccessKey(id, string.Equals(member.GetValueOrDefault("Status"), "Active", StringComparison.Ordinal)));
                }
            }
        }, cancellationToken);
        return keys;
    }

    public Task UpdateAccessKeyAsync(string userName, string accessKeyId, bool active, CancellationToken cancellationToken) =>
        CallAsync("UpdateAccessKey", [new("UserName", userName), new("AccessKeyId", accessKeyId), new("Status", active ? "Active" : "Inactive")], cancellationToken);

    public Task PutUserPolicyAsync(string userName, string policyName, string document, CancellationToken cancellationToken) =>
        CallAsync("PutUserPolicy", [new("UserName", userName), new("PolicyName", policyName), new("PolicyDocument", document)], cancellationToken);

    public Task DeleteUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken) =>
        CallAsync("DeleteUserPolicy", [new("UserName", userName), new("PolicyName", policyName)], cancellationToken);

    public Task PutRolePolicyAsync(string roleName, string policyName, string document, CancellationToken cancellationToken) =>
        CallAsync("PutRolePolicy", [new("RoleName", roleName), new("PolicyName", policyName), new("PolicyDocument", document)], cancellationToken);

    public Task DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken) =>
        CallAsync("DeleteRolePolicy", [new("RoleName", roleName), new("PolicyName", policyName)], cancellationToken);

    /// <summary>The user's tags, keys as IAM holds them (IAM treats keys case-insensitively, and so does this map).</summary>
    public Task<IReadOnlyDictionary<string, string>> ListUserTagsAsync(string userName, CancellationToken cancellationToken) =>
        TagsAsync("ListUserTags", new("UserName", userName), cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> ListRoleTagsAsync(string roleName, CancellationToken cancellationToken) =>
        TagsAsync("ListRoleTags", new("RoleName", roleName), cancellationToken);

    private async Task<IReadOnlyDictionary<string, string>> TagsAsync(string action, KeyValuePair<string, string> name, CancellationToken cancellationToken)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await PagesAsync(action, [name], "Tags", page =>
        {
            foreach (var member in page)
            {
                if (member.TryGetValue("Key", out var key))
                {
                    tags[key] = member.GetValueOrDefault("Value") ?? string.Empty;
                }
            }
        }, cancellationToken);
        return tags;
    }

    /// <summary>Follows IsTruncated and Marker to the last page.</summary>
    private async Task PagesAsync(
        string action, List<KeyValuePair<string, string>> parameters, string list, Action<List<Dictionary<string, string>>> read, CancellationToken cancellationToken)
    {
        for (var page = 0; page < 100; page++)
        {
            var body = await CallAsync(action, parameters, cancellationToken);
            read(Parse(action, () => IamXml.Records(body, list, "member")));
            if (!string.Equals(Parse(action, () => IamXml.First(body, "IsTruncated")), "true", StringComparison.Ordinal)
                || Parse(action, () => IamXml.First(body, "Marker")) is not { Length: > 0 } marker)
            {
                return;
            }

            parameters = [.. parameters.Where(p => p.Key != "Marker"), new("Marker", marker)];
        }

        throw new IamException(action, "too many pages", isTransient: false);
    }

    /// <returns>The answer's body (XML).</returns>
    private async Task<byte[]> CallAsync(string action, List<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var credentials = aws.Credentials()
            ?? throw new IamException(action, $"no AWS credentials ({AwsEnvironment.AccessKeyIdVariable} and {AwsEnvironment.SecretAccessKeyVariable} are not set)", isTransient: false);
        var (standard, region) = GlobalEndpoint(aws.Region());
        var endpoint = aws.Endpoint("IAM", standard)
            ?? throw new IamException(action, $"{AwsEnvironment.EndpointVariable}_IAM or {AwsEnvironment.EndpointVariable} is not an absolute http(s) URL", isTransient: false);

        var form = new StringBuilder("Action=").Append(action).Append("&Version=").Append(ApiVersion);
        foreach (var (name, value) in parameters)
        {
            form.Append('&').Append(SigV4Signer.Encode(name)).Append('=').Append(SigV4Signer.Encode(value));
        }

        using var timeout = new CancellationTokenSource(CallTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        AwsResponse response;
        try
        {
            response = await client.PostAsync(endpoint, region, "iam", Form, null, Encoding.UTF8.GetBytes(form.ToString()), credentials, linked.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new IamException(action, $"endpoint unreachable ({ex.HttpRequestError})", isTransient: true, ex);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new IamException(action, $"no answer within {CallTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", isTransient: true, ex);
        }

        if (!response.IsSuccess)
        {
            var code = AwsJsonClient.ErrorCode(response);
            throw new IamException(action, code, AwsResponse.IsTransient(response.Status, code));
        }

        return response.Body;
    }

    /// <summary>IAM's one endpoint in the function's partition, and the region its requests are signed for.</summary>
    internal static (Uri Endpoint, string Region) GlobalEndpoint(string? functionRegion) => functionRegion switch
    {
        { } r when r.StartsWith("cn-", StringComparison.Ordinal) => (new Uri("https://iam.cn-north-1.amazonaws.com.cn/"), "cn-north-1"),
        { } r when r.StartsWith("us-gov-", StringComparison.Ordinal) => (new Uri("https://iam.us-gov.amazonaws.com/"), "us-gov-west-1"),
        _ => (new Uri("https://iam.amazonaws.com/"), "us-east-1"),
    };

    private static string Required(byte[] body, string element, string action) =>
        Parse(action, () => IamXml.First(body, element)) is { Length: > 0 } value ? value : throw new IamException(action, $"the answer has no {element}", isTransient: false);

    private static T Parse<T>(string action, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (XmlException ex)
        {
            throw new IamException(action, "the answer is not XML", isTransient: false, ex);
        }
    }
}

/// <summary>One access key of an IAM user: its ID (not secret) and whether it is active.</summary>
internal sealed record AccessKey(string Id, bool Active);
