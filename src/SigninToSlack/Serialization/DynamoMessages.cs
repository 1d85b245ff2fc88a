using System.Text.Json.Serialization;

namespace SigninToSlack.Serialization;

/// <summary>A DynamoDB attribute value: a string (S) or a number (N, written as a string), the only two types used.</summary>
internal sealed record DynamoValue(
    [property: JsonPropertyName("S")] string? S = null,
    [property: JsonPropertyName("N")] string? N = null);

/// <summary>
/// The input of the four item operations used (PutItem, GetItem, UpdateItem, DeleteItem): each sets the members it
/// takes, the others stay null and are not written.
/// </summary>
internal sealed record DynamoRequest
{
    [JsonPropertyName("TableName")]
    public required string TableName { get; init; }

    [JsonPropertyName("Item")]
    public Dictionary<string, DynamoValue>? Item { get; init; }

    [JsonPropertyName("Key")]
    public Dictionary<string, DynamoValue>? Key { get; init; }

    [JsonPropertyName("ConsistentRead")]
    public bool? ConsistentRead { get; init; }

    [JsonPropertyName("UpdateExpression")]
    public string? UpdateExpression { get; init; }

    [JsonPropertyName("ConditionExpression")]
    public string? ConditionExpression { get; init; }

    [JsonPropertyName("ExpressionAttributeNames")]
    public Dictionary<string, string>? ExpressionAttributeNames { get; init; }

    [JsonPropertyName("ExpressionAttributeValues")]
    public Dictionary<string, DynamoValue>? ExpressionAttributeValues { get; init; }
}

/// <summary>GetItem's output: the item, absent when there is none.</summary>
internal sealed record DynamoGetItemResponse([property: JsonPropertyName("Item")] Dictionary<string, DynamoValue>? Item);

/// <summary>BatchGetItem's input: for each table (only the state table here), the keys to read.</summary>
internal sealed record DynamoBatchGetRequest(
    [property: JsonPropertyName("RequestItems")] Dictionary<string, DynamoKeys> RequestItems);

/// <summary>The keys to read from one table, and how.</summary>
internal sealed record DynamoKeys(
    [property: JsonPropertyName("Keys")] List<Dictionary<string, DynamoValue>> Keys,
    [property: JsonPropertyName("ConsistentRead")] bool? ConsistentRead = null);

/// <summary>BatchGetItem's output: the items found, per table, and the keys DynamoDB left for another call.</summary>
internal sealed record DynamoBatchGetResponse(
    [property: JsonPropertyName("Responses")] Dictionary<string, List<Dictionary<string, DynamoValue>>>? Responses,
    [property: JsonPropertyName("UnprocessedKeys")] Dictionary<string, DynamoKeys>? UnprocessedKeys);
