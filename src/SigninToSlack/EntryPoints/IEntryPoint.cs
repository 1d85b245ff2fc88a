using SigninToSlack.Processing;

namespace SigninToSlack.EntryPoints;

/// <summary>A handler entry point: reads its envelope and hands each event to the pipeline.</summary>
internal interface IEntryPoint
{
    /// <exception cref="Events.EventFormatException">The input is not of this entry point's envelope.</exception>
    Task<IReadOnlyList<EventOutcome>> HandleAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken);
}
