using System.Globalization;
using SigninToSlack.Alerts;

namespace SigninToSlack.Slack;

/// <summary>Turns an alert into the Slack message for it: a pure function, with every event value escaped and every limit held.</summary>
internal static class SlackFormatter
{
    private static readonly Func<string, string> Escape = Mrkdwn.Escape;

    public static SlackMessage Format(SigninAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var sentence = AlertText.Sentence(alert, Escape);
        var text = Mrkdwn.Truncate($"{Emoji(alert.Severity)} [{SeverityTitle(alert.Severity).ToUpperInvariant()}] {sentence}", SlackLimits.MessageText);

        var blocks = new List<SlackBlock>(5)
        {
            new HeaderBlock(SlackText.Plain(Mrkdwn.Truncate(Header(alert), SlackLimits.HeaderText))),
            new SectionBlock { Text = SlackText.Mrkdwn(Mrkdwn.Truncate(AlertText.Sentence(alert, Escape, "*"), SlackLimits.SectionText)) },
            new SectionBlock { Fields = Fields(alert) },
        };

        if (!string.IsNullOrEmpty(alert.UserAgent))
        {
            blocks.Add(new SectionBlock { Text = SlackText.Mrkdwn(Mrkdwn.Truncate("*User agent*\n" + Escape(alert.UserAgent), SlackLimits.SectionText)) });
        }

        blocks.Add(new ContextBlock([SlackText.Mrkdwn(Mrkdwn.Truncate(Context(alert), SlackLimits.ContextElementText))]));

        return new SlackMessage
        {
            Text = text,
            Attachments = [new SlackAttachment { Color = Color(alert.Severity), Blocks = blocks }],
        };
    }

    public static string Color(Severity severity) => severity switch
    {
        Severity.Critical => "#D40E0D",
        Severity.High => "#E8912D",
        _ => "#2EB67D",
    };

    private static string Emoji(Severity severity) => severity switch
    {
        Severity.Critical => ":rotating_light:",
        Severity.High => ":warning:",
        _ => ":information_source:",
    };

    private static string SeverityTitle(Severity severity) => severity switch
    {
        Severity.Critical => "Critical",
        Severity.High => "High",
        _ => "Info",
    };

    /// <summary>The header uses only fixed words, so nothing from the event reaches plain text unescaped.</summary>
    private static string Header(SigninAlert alert)
    {
        var result = alert.Outcome switch
        {
            Outcome.Success => "succeeded",
            Outcome.Failure => "failed",
            _ => "recorded",
        };
        var root = alert.Principal.Kind == PrincipalKind.Root ? " (root user)" : string.Empty;
        return $"{Emoji(alert.Severity)} {SeverityTitle(alert.Severity)}: {alert.Activity.Label} {result}{root}";
    }

    private static List<SlackText> Fields(SigninAlert alert)
    {
        var mfa = AlertText.Mfa(alert, Escape);
        return
        [
            Field("Who", AlertText.Who(alert, Escape)),
            Field("Account", Or(alert.AccountId)),
            Field("Result", AlertText.Result(alert, Escape)),
            Field("MFA", alert.Mfa == MfaStatus.NotUsed ? "*" + mfa + "*" : mfa),
            Field("Source IP", Or(alert.SourceIp)),
            Field("Region", Or(alert.Region)),
            Field("Time", Time(alert.Time)),
            Field("Event", Or(alert.EventName)),
        ];
    }

    private static SlackText Field(string label, string value) =>
        SlackText.Mrkdwn(Mrkdwn.Truncate($"*{label}*\n{value}", SlackLimits.Field));

    private static string Or(string? value) => string.IsNullOrEmpty(value) ? "not recorded" : Escape(value);

    /// <summary>Slack shows the time in each reader's zone; the fallback is UTC.</summary>
    private static string Time(DateTimeOffset? time)
    {
        if (time is not { } t)
        {
            return "not recorded";
        }

        var utc = t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"<!date^{t.ToUnixTimeSeconds()}^{{date_short}} {{time_secs}}|{utc}>");
    }

    private static string Context(SigninAlert alert)
    {
        var id = alert.EventId is null ? "Event ID not recorded" : $"Event ID {Escape(alert.EventId)}";
        return CloudTrailLinks.EventUrl(alert.Region, alert.EventId) is { } url
            ? $"{id} · <{url}|View in CloudTrail>"
            : id;
    }
}
