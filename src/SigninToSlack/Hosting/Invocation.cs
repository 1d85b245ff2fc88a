namespace SigninToSlack.Hosting;

/// <summary>One invocation as the Runtime API hands it out.</summary>
internal sealed record Invocation(
    string RequestId,
    DateTimeOffset Deadline,
    string? FunctionArn,
    string? TraceId,
    byte[] Payload);
