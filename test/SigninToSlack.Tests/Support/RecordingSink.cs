using System.Text;
using SigninToSlack.Delivery;

namespace SigninToSlack.Tests.Support;

/// <summary>A sink that keeps every payload, and fails the deliveries whose number is listed.</summary>
internal sealed class RecordingSink(params int[] failOn) : IPayloadSink
{
    private int _count;

    public List<string> Payloads { get; } = [];

    public Task DeliverAsync(ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (failOn.Contains(++_count))
        {
            throw new SlackDeliveryException($"Slack webhook answered 404 channel_not_found (delivery {_count})");
        }

        Payloads.Add(Encoding.UTF8.GetString(payload.Span));
        return Task.CompletedTask;
    }
}
