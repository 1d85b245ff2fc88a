namespace SigninToSlack.Delivery;

/// <summary>Where a serialized Slack payload goes: the webhook, or standard output on a dry run.</summary>
internal interface IPayloadSink
{
    /// <param name="deadline">When <paramref name="cancellationToken"/> will fire (the invocation's deadline); waits past it are not started.</param>
    /// <exception cref="SlackDeliveryException">The payload could not be delivered, for any reason (the caller's cancellation included).</exception>
    Task DeliverAsync(ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken);
}
