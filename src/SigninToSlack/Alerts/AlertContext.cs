namespace SigninToSlack.Alerts;

/// <summary>What this function's configuration knows about a sign-in, beyond the event; an alert has none unless configured.</summary>
/// <param name="AccountName">The account's name from SIGNIN_ACCOUNT_NAMES.</param>
/// <param name="NetworkLabel">The label of the known network the source IP is in (SIGNIN_KNOWN_NETWORKS).</param>
/// <param name="UnknownNetwork">Known networks are configured and the source IP is in none of them.</param>
/// <param name="MemberId">The Slack member ID of the person who signed in (SLACK_PEOPLE), to mention.</param>
internal sealed record AlertContext(
    string? AccountName = null,
    string? NetworkLabel = null,
    bool UnknownNetwork = false,
    string? MemberId = null)
{
    public bool IsEmpty => AccountName is null && NetworkLabel is null && !UnknownNetwork && MemberId is null;
}
