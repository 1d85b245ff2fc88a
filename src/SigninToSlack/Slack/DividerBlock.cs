namespace SigninToSlack.Slack;

/// <summary>A horizontal rule.</summary>
internal sealed record DividerBlock : SlackBlock;
