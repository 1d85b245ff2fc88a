namespace SigninToSlack.Events;

/// <summary>One SNS record's message: the EventBridge event as UTF-8 JSON, or null when the record has none.</summary>
internal sealed record SnsMessage(string? MessageId, byte[]? Body);
