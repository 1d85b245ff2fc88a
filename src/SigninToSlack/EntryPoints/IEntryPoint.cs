namespace SigninToSlack.EntryPoints;

/// <summary>A handler entry point: reads its envelope and hands each event to the pipeline.</summary>
internal interface IEntryPoint
{
    /// <param name="deadline">When <paramref name="cancellationToken"/> will fire: the invocation's deadline.</param>
    /// <exception cref="Events.EventFormatException">The input is not of this entry point's envelope.</exception>
    /// <exception cref="OperationCanceledException">The caller's cancellation came first.</exception>
    Task<EntryPointResult> HandleAsync(ReadOnlyMemory<byte> input, DateTimeOffset deadline, CancellationToken cancellationToken);
}
