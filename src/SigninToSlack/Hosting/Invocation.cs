namespace SigninToSlack.Hosting;

/// <summary>One invocation as the Runtime API hands it out.</summary>
internal sealed record Invocation(
    string RequestId,
    DateTimeOffset Deadline,
    string? TraceId,
    byte[] Payload)
{
    /// <summary>
    /// When the handler's work must end: the deadline less <see cref="LambdaHost.DeadlineMargin"/>, the time kept back
    /// to report an error; <see cref="DateTimeOffset.MaxValue"/> when the Runtime API gave no deadline.
    /// </summary>
    public DateTimeOffset CancelAt => Deadline == DateTimeOffset.MaxValue ? DateTimeOffset.MaxValue : Deadline - LambdaHost.DeadlineMargin;
}

/// <summary>Handles one invocation's payload and returns the response body; throwing fails the invocation.</summary>
internal delegate Task<byte[]> InvocationHandler(Invocation invocation, CancellationToken cancellationToken);
