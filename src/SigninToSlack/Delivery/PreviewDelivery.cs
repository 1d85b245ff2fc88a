using SigninToSlack.Alerts;
using SigninToSlack.Configuration;

namespace SigninToSlack.Delivery;

/// <summary>A dry run: prints each payload once and reports where it would go, with no Slack call (no e-mail lookup either).</summary>
/// <param name="directMessages">Whether SLACK_BOT_TOKEN is set, so that the person would get a DM.</param>
internal sealed class PreviewDelivery(AlertRouter router, IPayloadSink printer, bool directMessages) : IAlertDelivery
{
    public MemberLookup MemberId(SlackPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new MemberLookup(person.MemberId);
    }

    public async Task<DeliveryReport> DeliverAsync(SigninAlert alert, SlackPerson? person, ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        await printer.DeliverAsync(payload, deadline, cancellationToken);
        return new DeliveryReport(router.Route(alert), directMessages ? person?.Shown : null);
    }
}
