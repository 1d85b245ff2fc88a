namespace SigninToSlack.Formatting;

/// <summary>Block Kit's published limits, which every message must hold whatever the event contains.</summary>
internal static class SlackLimits
{
    public const int HeaderText = 150;
    public const int SectionText = 3000;
    public const int Field = 2000;
    public const int ContextElementText = 3000;

    /// <summary>A rich-text link's URL and a button's URL.</summary>
    public const int LinkUrl = 3000;

    /// <summary>A button's value.</summary>
    public const int ButtonValue = 2000;

    /// <summary>The most characters of a user agent shown; other event values are cut at <see cref="Text.TextBuilder.ValueLimit"/>.</summary>
    public const int UserAgent = 1000;

    /// <summary>The most generic fields (request parameters, a sign-in service event's detail) one alert shows.</summary>
    public const int Fields = 20;

    /// <summary>The most characters of a generic field's name shown.</summary>
    public const int FieldName = 64;

    /// <summary>Slack answers msg_too_long past 40,000 characters of payload; the value limits keep every alert below it.</summary>
    public const int Payload = 40_000;

    /// <summary>Slack truncates message text past 40,000 characters; the top-level text is a short summary, far below.</summary>
    public const int MessageText = 3000;
}
