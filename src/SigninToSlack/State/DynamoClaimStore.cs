using System.Globalization;
using System.Text.Json;
using SigninToSlack.Aws;
using SigninToSlack.Configuration;
using SigninToSlack.Serialization;

namespace SigninToSlack.State;

/// <summary>
/// Claims in the state table (SIGNIN_STATE_TABLE), with conditional writes through the signed JSON client. An item is
/// <c>{ id, state: IN_PROGRESS | COMPLETED, expiration, token }</c>; <c>expiration</c> (epoch seconds) is both the
/// table's TTL and the claim's end, so a lapsed claim is taken over even before DynamoDB deletes it.
/// </summary>
internal sealed class DynamoClaimStore(AwsJsonClient client, AwsEnvironment aws, StateTable table, TimeProvider timeProvider) : IClaimStore
{
    /// <summary>How long one call may take: the table is an aid, and the alert waits for it.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How long a done post is remembered.</summary>
    public static readonly TimeSpan DoneKeep = TimeSpan.FromHours(24);

    public const string InProgress = "IN_PROGRESS";
    public const string Completed = "COMPLETED";

    private const string Target = "DynamoDB_20120810.";

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["#id"] = "id",
        ["#state"] = "state",
        ["#exp"] = "expiration",
        ["#token"] = "token",
    };

    public async Task<Claim> ClaimAsync(string key, DateTimeOffset inProgressUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var token = Guid.NewGuid().ToString("N");
        var now = timeProvider.GetUtcNow();
        // Taken when there is no item, or when the one there has lapsed (an in-progress claim past its deadline, or a
        // done record past its day that DynamoDB has not deleted yet). A live claim or a done record is never overwritten.
        var put = new DynamoRequest
        {
            TableName = table.Name,
            Item = new(StringComparer.Ordinal)
            {
                ["id"] = new(S: key),
                ["state"] = new(S: InProgress),
                ["expiration"] = Number(inProgressUntil),
                ["token"] = new(S: token),
            },
            ConditionExpression = "attribute_not_exists(#id) OR #exp < :now",
            ExpressionAttributeNames = Only("#id", "#exp"),
            ExpressionAttributeValues = new(StringComparer.Ordinal) { [":now"] = Number(now) },
        };

        // Twice at most: a claim released between the refused write and the read is there to be taken again.
        for (var attempt = 1; ; attempt++)
        {
            var (response, problem) = await CallAsync("PutItem", put, cancellationToken);
            if (problem is not null)
            {
                return new Claim(key, ClaimState.Unavailable, Problem: problem);
            }

            if (response!.IsSuccess)
            {
                return new Claim(key, ClaimState.Claimed, token);
            }

            var code = AwsJsonClient.ErrorCode(response);
            if (code != "ConditionalCheckFailedException")
            {
                return new Claim(key, ClaimState.Unavailable, Problem: Refused(response, code));
            }

            var get = new DynamoRequest { TableName = table.Name, Key = KeyOf(key), ConsistentRead = true };
            (response, problem) = await CallAsync("GetItem", get, cancellationToken);
            if (problem is not null || !response!.IsSuccess)
            {
                return new Claim(key, ClaimState.Unavailable, Problem: problem ?? Refused(response!, AwsJsonClient.ErrorCode(response!)));
            }

            var item = Item(response.Body);
            if (item is null)
            {
                if (attempt == 1)
                {
                    continue;
                }

                return new Claim(key, ClaimState.Unavailable, Problem: "the claim kept changing while it was read");
            }

            if (item.TryGetValue("state", out var state) && state.S == Completed)
            {
                return new Claim(key, ClaimState.Done);
            }

            var until = item.TryGetValue("expiration", out var expiration)
                && long.TryParse(expiration.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : (DateTimeOffset?)null;
            return new Claim(key, ClaimState.Held, HeldUntil: until);
        }
    }

    public async Task<string?> CompleteAsync(Claim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var update = new DynamoRequest
        {
            TableName = table.Name,
            Key = KeyOf(claim.Key),
            UpdateExpression = "SET #state = :done, #exp = :exp REMOVE #token",
            ExpressionAttributeNames = Only("#state", "#exp", "#token"),
            ExpressionAttributeValues = new(StringComparer.Ordinal)
            {
                [":done"] = new(S: Completed),
                [":exp"] = Number(timeProvider.GetUtcNow() + DoneKeep),
            },
        };
        var (response, problem) = await CallAsync("UpdateItem", update, cancellationToken);
        return problem ?? (response!.IsSuccess ? null : Refused(response, AwsJsonClient.ErrorCode(response)));
    }

    public async Task ReleaseAsync(Claim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var delete = new DynamoRequest
        {
            TableName = table.Name,
            Key = KeyOf(claim.Key),
            ConditionExpression = "#token = :token",
            ExpressionAttributeNames = Only("#token"),
            ExpressionAttributeValues = new(StringComparer.Ordinal) { [":token"] = new(S: claim.Token) },
        };

        // Whatever the answer, there is nothing more to do: a claim not released lapses at the invocation's deadline.
        _ = await CallAsync("DeleteItem", delete, cancellationToken);
    }

    /// <summary>One call; the problem (quoting no secret) when the table could not be asked, else the answer.</summary>
    private async Task<(AwsResponse? Response, string? Problem)> CallAsync(string operation, DynamoRequest request, CancellationToken cancellationToken)
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

        var body = JsonSerializer.SerializeToUtf8Bytes(request, AppJsonSerializerContext.Default.DynamoRequest);
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

    private static string Refused(AwsResponse response, string code) =>
        AwsResponse.IsTransient(response.Status, code) ? $"{code} (throttled or failing)" : code;

    private static Dictionary<string, DynamoValue>? Item(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, AppJsonSerializerContext.Default.DynamoGetItemResponse)?.Item;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, DynamoValue> KeyOf(string key) => new(StringComparer.Ordinal) { ["id"] = new(S: key) };

    private static DynamoValue Number(DateTimeOffset time) => new(N: time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    private static Dictionary<string, string> Only(params string[] placeholders) =>
        placeholders.ToDictionary(p => p, p => Names[p], StringComparer.Ordinal);
}
