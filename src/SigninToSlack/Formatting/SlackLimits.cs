namespace SigninToSlack.Formatting;

/// <summary>Block Kit's published limits, which every message must hold whatever the event contains.</summary>
internal static class SlackLimits
{
    public const int HeaderText = 150;
    public const int SectionText = 3000;
    public const int Field = 2000;
    public const int ContextElementText = 3000;

    /// <summary>The most characters of a user agent shown; other event values are cut at <see cref="Text.TextBuilder.ValueLimit"/>.</summary>
    public const int UserAgent = 1000;

    /// <summary>Slack answers msg_too_long past 40,000 characters of payload; the value limits keep every alert below it.</summary>
    public const int Payload = 40_000;

    /// <summary>Slack truncates message text past 40,000 characters; the top-level text is a short summary, far below.</summary>
    public const int MessageText = 3000;
}
