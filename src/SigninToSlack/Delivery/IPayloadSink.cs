namespace SigninToSlack.Delivery;

/// <summary>Where a serialized Slack payload goes: the webhook, or standard output on a dry run.</summary>
internal interface IPayloadSink
{
    /// <exception cref="SlackDeliveryException">The payload could not be delivered.</exception>
    Task DeliverAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
