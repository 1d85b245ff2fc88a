namespace SigninToSlack.Formatting;

/// <summary>
/// What an alert's "That wasn't me" parts need: the Respond page's link, and with a Slack app the token the buttons
/// carry. Both hold a signed token, which is meant to travel in the message; nothing else secret is here.
/// </summary>
/// <param name="PageUrl">The Respond function's URL with <c>?t=&lt;token&gt;</c>.</param>
/// <param name="ExpiresAt">When the token stops working, shown beside the link.</param>
/// <param name="ButtonToken">The token for the buttons' value; null: no buttons (no Slack app, SLACK_SIGNING_SECRET unset).</param>
/// <param name="Kind">What a press contains, for the confirmation's words.</param>
internal sealed record ResponseLinks(string PageUrl, DateTimeOffset ExpiresAt, string? ButtonToken = null, ContainedKind Kind = ContainedKind.IamUser)
{
    /// <summary>Names what is set, never a token.</summary>
    public override string ToString() =>
        $"ResponseLinks {{ PageUrl = (set), ExpiresAt = {ExpiresAt:O}, Buttons = {(ButtonToken is null ? "no" : "yes")}, Kind = {Kind} }}";
}

/// <summary>What a "That wasn't me" does to the principal, as the confirmation says it.</summary>
internal enum ContainedKind
{
    /// <summary>An IAM user: denied every action, access keys deactivated.</summary>
    IamUser,

    /// <summary>An assumed role: every current session of the role ends.</summary>
    Role,

    /// <summary>An IAM Identity Center session: reported to the administrators, who disable the user.</summary>
    IdentityCenter,
}
