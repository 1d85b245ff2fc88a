using System.Text.Json.Serialization;

namespace SigninToSlack.Serialization;

/// <summary>
/// The answer to an SQS batch with ReportBatchItemFailures: the records to receive again. Every record not named is
/// deleted from the queue; an empty list acknowledges the whole batch.
/// </summary>
internal sealed record SqsBatchResponse(
    [property: JsonPropertyName("batchItemFailures")] IReadOnlyList<SqsBatchItemFailure> BatchItemFailures);

/// <summary>One record of the batch to receive again, by its message ID.</summary>
internal sealed record SqsBatchItemFailure(
    [property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
