
namespace SigninToSlack.Delivery;

/// <summary>A channel an alert is posted to: its name as logs and the dry run show it ("default", "critical", "account 111111111111"), and its webhook.</summary>
internal sealed record Destination(string Name, IPayloadSink Sink)
{
    /// <summary>Names the destination, never the webhook.</summary>
    public override string ToString() => Name;
}
