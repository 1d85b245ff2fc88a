using System.Text;

namespace SigninToSlack.Delivery;

/// <summary>The dry-run sink: each payload, exactly as it would be POSTed, as one line on standard output.</summary>
internal sealed class PrintingSink(TextWriter output) : IPayloadSink
{
    public async Task DeliverAsync(ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(Encoding.UTF8.GetString(payload.Span).AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }
}
