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
internal sealed class DynamoClaimStore(DynamoTable table, TimeProvider timeProvider) : IClaimStore
{
    /// <summary>How long one call may take: the table is an aid, and the alert waits for it.</summary>
    public static readonly TimeSpan CallTimeout = DynamoTable.CallTimeout;

    public DynamoClaimStore(AwsJsonClient client, AwsEnvironment aws, StateTable table, TimeProvider timeProvider)
        : this(new DynamoTable(client, aws, table, timeProvider), timeProvider)
    {
    }

    /// <summary>How long a done post is remembered.</summary>
    public static readonly TimeSpan DoneKeep = TimeSpan.FromHours(24);

    public const string InProgress = "IN_PROGRESS";
    public const string Completed = "COMPLETED";

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
                return new Claim(key, ClaimState.Unavailable, Problem: DynamoTable.Refused(response));
            }

            var get = new DynamoRequest { TableName = table.Name, Key = KeyOf(key), ConsistentRead = true };
            (response, problem) = await CallAsync("GetItem", get, cancellationToken);
            if (problem is not null || !response!.IsSuccess)
            {
                return new Claim(key, ClaimState.Unavailable, Problem: problem ?? DynamoTable.Refused(response!));
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
        return problem ?? (response!.IsSuccess ? null : DynamoTable.Refused(response));
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

    private Task<(AwsResponse? Response, string? Problem)> CallAsync(string operation, DynamoRequest request, CancellationToken cancellationToken) =>
        table.CallAsync(operation, request, AppJsonSerializerContext.Default.DynamoRequest, cancellationToken);

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
