namespace SigninToSlack.Formatting;

/// <summary>Block Kit's published limits, which every message must hold whatever the event contains.</summary>
internal static class SlackLimits
{
    public const int HeaderText = 150;
    public const int SectionText = 3000;
    public const int Field = 2000;
    public const int ContextElementText = 3000;

    /// <summary>Slack truncates message text past 40,000 characters; alerts stay far below.</summary>
    public const int MessageText = 3000;
}
