using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SigninToSlack.Aws;
using SigninToSlack.Configuration;

namespace SigninToSlack.State;

/// <summary>
/// Signed calls to the state table (SIGNIN_STATE_TABLE), each within <see cref="CallTimeout"/>. A call that cannot be
/// made or answered gives its problem, which quotes no secret, instead of throwing: the table is an aid to an alert,
/// never a reason to lose one.
/// </summary>
internal sealed class DynamoTable(AwsJsonClient client, AwsEnvironment aws, StateTable table, TimeProvider timeProvider)
{
    /// <summary>How long one call may take: the table is an aid, and the alert waits for it.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);

    private const string Target = "DynamoDB_20120810.";

    public string Name => table.Name;

    /// <summary>One call; the problem (quoting no secret) when the table could not be asked, else the answer.</summary>
    public async Task<(AwsResponse? Response, string? Problem)> CallAsync<T>(string operation, T request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        if (aws.Credentials() is not { } credentials)
        {
            return (null, $"no AWS credentials ({AwsEnvironment.AccessKeyIdVariable} and {AwsEnvironment.SecretAccessKeyVariable} are not set)");
        }

        var region = table.Region ?? aws.Region();
        if (region is null)
        {
            return (null, $"{AwsEnvironment.RegionVariable} is not set");
        }

        if (!SecretArn.IsRegion(region))
        {
            return (null, $"{AwsEnvironment.RegionVariable} is not a region name (e.g. eu-west-1)");
        }

        if (aws.Endpoint("DYNAMODB", "dynamodb", region) is not { } endpoint)
        {
            return (null, $"{AwsEnvironment.EndpointVariable}_DYNAMODB or {AwsEnvironment.EndpointVariable} is not an absolute http(s) URL");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(request, type);
        using var timeout = new CancellationTokenSource(CallTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return (await client.CallAsync(endpoint, region, "dynamodb", Target + operation, body, credentials, AwsJsonVersion.V10, linked.Token), null);
        }
        catch (HttpRequestException ex)
        {
            return (null, $"dynamodb endpoint unreachable ({ex.HttpRequestError})");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"dynamodb did not answer within {CallTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>What a refusal is called: its error code, and whether it is the throttled or failing kind.</summary>
    public static string Refused(AwsResponse response)
    {
        var code = AwsJsonClient.ErrorCode(response);
        return AwsResponse.IsTransient(response.Status, code) ? $"{code} (throttled or failing)" : code;
    }
}
