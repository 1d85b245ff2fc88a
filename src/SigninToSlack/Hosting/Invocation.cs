namespace SigninToSlack.Hosting;

/// <summary>One invocation as the Runtime API hands it out.</summary>
internal sealed record Invocation(
    string RequestId,
    DateTimeOffset Deadline,
    string? TraceId,
    byte[] Payload);

/// <summary>Handles one invocation's payload and returns the response body; throwing fails the invocation.</summary>
internal delegate Task<byte[]> InvocationHandler(Invocation invocation, CancellationToken cancellationToken);
