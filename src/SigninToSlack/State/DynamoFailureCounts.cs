using System.Globalization;
using System.Text.Json;
using SigninToSlack.Aws;
using SigninToSlack.Configuration;
using SigninToSlack.Serialization;

namespace SigninToSlack.State;

/// <summary>
/// Failed sign-ins counted per source IP and minute in the state table: an item
/// <c>{ id: failures#&lt;ip&gt;#&lt;yyyyMMddHHmm&gt;, n, expiration }</c>, added to atomically, that the table's TTL
/// deletes once the window has passed over its minute. Reads take the window's minutes in one call per 100 of them.
/// </summary>
internal sealed class DynamoFailureCounts(AwsJsonClient client, AwsEnvironment aws, StateTable table, TimeSpan window, TimeProvider timeProvider)
{
    /// <summary>BatchGetItem reads at most 100 keys a call.</summary>
    private const int KeysPerCall = 100;

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal) { ["#n"] = "n", ["#exp"] = "expiration" };

    private readonly DynamoTable _table = new(client, aws, table, timeProvider);

    /// <summary>How far back a count is kept and read.</summary>
    public TimeSpan Window => window;

    /// <summary>Adds <paramref name="count"/> failures from the IP to the minute of <paramref name="time"/>; the problem (no secret) when it could not.</summary>
    public async Task<string?> AddAsync(string sourceIp, DateTimeOffset time, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceIp);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var minute = Minute(time);
        var update = new DynamoRequest
        {
            TableName = _table.Name,
            Key = new(StringComparer.Ordinal) { ["id"] = new(S: ClaimKeys.Failures(sourceIp, minute)) },
            UpdateExpression = "ADD #n :count SET #exp = :exp",
            ExpressionAttributeNames = Names,
            ExpressionAttributeValues = new(StringComparer.Ordinal)
            {
                [":count"] = new(N: count.ToString(CultureInfo.InvariantCulture)),
                [":exp"] = new(N: (minute + TimeSpan.FromMinutes(1) + window).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            },
        };
        var (response, problem) = await _table.CallAsync("UpdateItem", update, AppJsonSerializerContext.Default.DynamoRequest, cancellationToken);
        return problem ?? (response!.IsSuccess ? null : DynamoTable.Refused(response));
    }

    /// <summary>
    /// The failures from the IP counted in the minutes of <paramref name="from"/> to <paramref name="to"/>, both
    /// included; or the problem (no secret) when the table could not be read.
    /// </summary>
    public async Task<(int Count, string? Problem)> CountAsync(string sourceIp, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceIp);
        var keys = new List<Dictionary<string, DynamoValue>>();
        for (var minute = Minute(from); minute <= Minute(to); minute = minute.AddMinutes(1))
        {
            keys.Add(new(StringComparer.Ordinal) { ["id"] = new(S: ClaimKeys.Failures(sourceIp, minute)) });
        }

        long total = 0;
        for (var first = 0; first < keys.Count; first += KeysPerCall)
        {
            var pending = keys.GetRange(first, Math.Min(KeysPerCall, keys.Count - first));

            // A throttled table may leave keys unread: they are asked for once more, then the read has failed.
            for (var attempt = 1; pending.Count > 0; attempt++)
            {
                if (attempt > 2)
                {
                    return (0, "some minutes were left unread (throttled)");
                }

                var request = new DynamoBatchGetRequest(new(StringComparer.Ordinal) { [_table.Name] = new DynamoKeys(pending, ConsistentRead: true) });
                var (response, problem) = await _table.CallAsync("BatchGetItem", request, AppJsonSerializerContext.Default.DynamoBatchGetRequest, cancellationToken);
                if (problem is not null || !response!.IsSuccess)
                {
                    return (0, problem ?? DynamoTable.Refused(response!));
                }

                DynamoBatchGetResponse? answer;
                try
                {
                    answer = JsonSerializer.Deserialize(response.Body, AppJsonSerializerContext.Default.DynamoBatchGetResponse);
                }
                catch (JsonException)
                {
                    return (0, "BatchGetItem's answer is not the JSON expected");
                }

                foreach (var item in answer?.Responses?.GetValueOrDefault(_table.Name) ?? [])
                {
                    if (item.TryGetValue("n", out var n) && long.TryParse(n.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0)
                    {
                        total = Math.Min(int.MaxValue, total + value);
                    }
                }

                pending = answer?.UnprocessedKeys?.GetValueOrDefault(_table.Name)?.Keys ?? [];
            }
        }

        return ((int)total, null);
    }

    private static DateTimeOffset Minute(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}
