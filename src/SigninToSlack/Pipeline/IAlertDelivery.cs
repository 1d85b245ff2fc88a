using SigninToSlack.Alerts;
using SigninToSlack.Policy;

namespace SigninToSlack.Pipeline;

/// <summary>Where an alert's payload goes: its channels and the person's DM, or, in a dry run, the terminal.</summary>
internal interface IAlertDelivery
{
    /// <summary>The member ID to mention for <paramref name="person"/>, or null and why not; never throws for Slack's sake.</summary>
    ValueTask<MemberLookup> MemberIdAsync(SlackPerson person, CancellationToken cancellationToken);

    /// <summary>Posts the payload to every destination of the alert, each on its own, and to the person's DM.</summary>
    /// <param name="person">The person behind the alert (SLACK_PEOPLE), when mapped.</param>
    Task<DeliveryReport> DeliverAsync(SigninAlert alert, SlackPerson? person, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
