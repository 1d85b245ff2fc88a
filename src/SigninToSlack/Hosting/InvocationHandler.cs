namespace SigninToSlack.Hosting;

/// <summary>Handles one invocation's payload and returns the response body; throwing fails the invocation.</summary>
internal delegate Task<byte[]> InvocationHandler(Invocation invocation, CancellationToken cancellationToken);
