using System.Buffers;
using System.Globalization;
using SigninToSlack.Alerts;
using SigninToSlack.Identity;
using SigninToSlack.Configuration;
using SigninToSlack.Text;

namespace SigninToSlack.Formatting;

/// <summary>
/// Writes the Slack message for an alert: a pure function of the alert that holds every Block Kit limit. The message
/// is the top-level text (what notifications show) and one attachment whose colour is the severity, holding a header,
/// the sentence, the details and the event link.
/// </summary>
/// <remarks>
/// No value from the event reaches mrkdwn, where Slack would read formatting, links, mentions and emoji into it.
/// Event text travels only in rich_text <c>text</c> elements, which Slack shows as written, after
/// <see cref="TextBuilder.AppendValue(ReadOnlySpan{char}, int)"/> has dropped control and format characters and
/// turned line breaks into spaces. The mrkdwn parts (the top-level text and the event-ID line) hold only this
/// product's words and values of a checked form: account ID, event ID, region, member ID. The header is plain text of
/// this product's words only.
/// </remarks>
internal static class SlackFormatter
{
    private const string DateFormat = "{date_short} {time_secs}";

    /// <summary>Appends the payload to <paramref name="output"/>; returns its length in bytes.</summary>
    /// <param name="links">The "That wasn't me" link (and buttons) to add after the details; null: none, and the payload is as it always was.</param>
    public static int Write(SigninAlert alert, IBufferWriter<byte> output, ResponseLinks? links = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(output);
        var json = new PayloadJson(output);
        var text = new TextBuilder(forSlack: true, 1024);
        try
        {
            Summary(ref text, alert);
            text.Truncate(SlackLimits.MessageText);
            Start(ref json, text.Text, alert.Severity);

            text.Clear();
            Header(ref text, alert);
            text.Truncate(SlackLimits.HeaderText);
            HeaderBlock(ref json, text.Text);

            text.Clear();
            AlertText.Sentence(ref text, alert, TextBuilder.EmphasisMark);
            json.Raw(",{\"type\":\"rich_text\",\"elements\":[{\"type\":\"rich_text_section\",\"elements\":["u8);
            var any = false;
            Runs(ref json, ref any, text.Text);
            json.Raw("]}]}"u8);

            Details(ref json, ref text, alert);
            if (links is not null)
            {
                Respond(ref json, ref text, links);
            }

            text.Clear();
            Context(ref text, alert);
            End(ref json, text.Text);
            return json.Written;
        }
        finally
        {
            text.Dispose();
        }
    }

    /// <summary>The top-level text (mrkdwn: only this product's words and checked values), then the attachment of the severity's colour, up to its first block.</summary>
    internal static void Start(ref PayloadJson json, ReadOnlySpan<char> text, Severity severity)
    {
        json.Raw("{\"text\":"u8);
        json.String(text);
        json.Raw(",\"attachments\":[{\"color\":\""u8);
        json.Raw(Color(severity));
        json.Raw("\",\"blocks\":["u8);
    }

    /// <summary>The header block, plain text of this product's words only.</summary>
    internal static void HeaderBlock(ref PayloadJson json, ReadOnlySpan<char> text)
    {
        json.Raw("{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":"u8);
        json.String(text);
        json.Raw(",\"emoji\":true}}"u8);
    }

    /// <summary>The context line (mrkdwn: only this product's words and checked values), and the end of the message.</summary>
    internal static void End(ref PayloadJson json, ReadOnlySpan<char> context)
    {
        json.Raw(",{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":"u8);
        json.String(context);

        // The product's own link needs no preview, and no event value can be a link.
        json.Raw("}]}]}],\"unfurl_links\":false,\"unfurl_media\":false}"u8);
    }

    internal static ReadOnlySpan<byte> Color(Severity severity) => severity switch
    {
        Severity.Critical => "#D40E0D"u8,
        Severity.High => "#E8912D"u8,
        _ => "#2EB67D"u8,
    };

    internal static string Emoji(Severity severity) => severity switch
    {
        Severity.Critical => ":rotating_light:",
        Severity.High => ":warning:",
        _ => ":information_source:",
    };

    internal static string SeverityTitle(Severity severity) => severity switch
    {
        Severity.Critical => "Critical",
        Severity.High => "High",
        _ => "Info",
    };

    internal static string SeverityLabel(Severity severity) => severity switch
    {
        Severity.Critical => "CRITICAL",
        Severity.High => "HIGH",
        _ => "INFO",
    };

    /// <summary>
    /// The top-level text, which notifications show and Slack reads as mrkdwn: fixed words, the kind of principal (not
    /// its name), the mention and a 12-digit account ID. Nothing from the event's free text.
    /// </summary>
    private static void Summary(ref TextBuilder text, SigninAlert alert)
    {
        text.Append(Emoji(alert.Severity));
        text.Append(" [");
        text.Append(SeverityLabel(alert.Severity));
        text.Append("] ");
        Headline(ref text, alert);
        if (alert.Kind == AlertKind.SigninService)
        {
            AccountSuffix(ref text, alert);
            return;
        }

        if (alert.Mfa == MfaStatus.NotUsed)
        {
            text.Append(" without MFA");
        }

        AlertText.AfterFailures(ref text, alert);
        text.Append(" \u00b7 ");
        var p = alert.Principal;
        if (p.Kind == PrincipalKind.Root)
        {
            text.Append("root user");
        }
        else
        {
            if (p.Masked)
            {
                text.Append("unknown ");
            }

            text.Append(p.PermissionSet is not null ? "IAM Identity Center session" : AlertText.KindWord(p.Kind));
        }

        if (MemberId(alert) is { } member)
        {
            text.Append(" <@");
            text.Append(member);
            text.Append('>');
        }

        AccountSuffix(ref text, alert);
    }

    private static void AccountSuffix(ref TextBuilder text, SigninAlert alert)
    {
        if (IsAccountId(alert.AccountId))
        {
            text.Append(" \u00b7 account ");
            text.Append(alert.AccountId);
        }
    }

    /// <summary>The header uses only fixed words, so nothing from the event reaches plain text, where Slack renders emoji codes.</summary>
    private static void Header(ref TextBuilder text, SigninAlert alert)
    {
        text.Append(Emoji(alert.Severity));
        text.Append(' ');
        text.Append(SeverityTitle(alert.Severity));
        text.Append(": ");
        Headline(ref text, alert);
        if (alert.Principal.Kind == PrincipalKind.Root && alert.Kind != AlertKind.SigninService)
        {
            text.Append(" (root user)");
        }
    }

    /// <summary>"Console sign-in failed": the activity's label when it is one this product knows (an unknown one is labelled from the event's name).</summary>
    private static void Headline(ref TextBuilder text, SigninAlert alert)
    {
        switch (alert.Kind)
        {
            case AlertKind.Tamper when alert.Outcome == Outcome.Failure:
                text.Append("Refused attempt to ");
                text.Append(alert.Change!.Attempt);
                return;
            case AlertKind.Tamper:
                text.Append(alert.Change!.Done);
                return;
            case AlertKind.SigninService:
                text.Append(alert.DetailType == Events.SigninEventTypes.AnomalyAlert ? "Sign-in anomaly alert" : "AWS Sign-In event of an unknown type");
                return;
        }

        text.Append(IsKnown(alert.Activity) ? alert.Activity.Label : "Sign-in event");
        text.Append(alert.Outcome switch
        {
            Outcome.Success => " succeeded",
            Outcome.Failure => " failed",
            _ => " recorded",
        });
    }

    private static bool IsKnown(Activity activity) =>
        ReferenceEquals(activity, Activities.ConsoleLogin) || ReferenceEquals(activity, Activities.CheckMfa)
        || ReferenceEquals(activity, Activities.SwitchRole) || ReferenceEquals(activity, Activities.ExitRole)
        || ReferenceEquals(activity, Activities.RenewRole) || ReferenceEquals(activity, Activities.PasswordUpdated)
        || ReferenceEquals(activity, Activities.GetSigninToken) || ReferenceEquals(activity, Activities.UserAuthentication)
        || ReferenceEquals(activity, Activities.CredentialChallenge) || ReferenceEquals(activity, Activities.CredentialVerification);

    internal static bool IsAccountId(string? value) => AwsNames.IsAccountId(value);

    /// <summary>The person to mention: only a well-formed member ID, never event text.</summary>
    private static string? MemberId(SigninAlert alert) =>
        alert.Context?.MemberId is { } member && SlackMemberId.IsValid(member) ? member : null;

    /// <summary>The details, one line each: a bold label of this product's, then the value as text.</summary>
    private static void Details(ref PayloadJson json, ref TextBuilder text, SigninAlert alert)
    {
        json.Raw(",{\"type\":\"rich_text\",\"elements\":[{\"type\":\"rich_text_section\",\"elements\":["u8);
        var any = true;

        // The mention is its own element after the name, so a long name never pushes it out.
        json.Raw("{\"type\":\"text\",\"text\":\"Who: \",\"style\":{\"bold\":true}}"u8);
        text.Clear();
        AlertText.Who(ref text, alert);
        Element(ref json, ref any, text.Text, bold: false);
        if (MemberId(alert) is { } member)
        {
            json.Raw(",{\"type\":\"text\",\"text\":\" \"},{\"type\":\"user\",\"user_id\":"u8);
            json.String(member);
            json.Raw("}"u8);
        }

        json.Raw(",{\"type\":\"text\",\"text\":\"\\nAccount: \",\"style\":{\"bold\":true}}"u8);
        text.Clear();
        Value(ref text, alert.AccountId);
        Label(ref text, alert.Context?.AccountName);
        Element(ref json, ref any, text.Text, bold: false);

        switch (alert.Kind)
        {
            case AlertKind.Tamper:
                Change(ref json, ref text, alert);
                break;
            case AlertKind.SigninService:
                json.Raw(",{\"type\":\"text\",\"text\":\"\\nEvent type: \",\"style\":{\"bold\":true}}"u8);
                ValueElement(ref json, ref text, alert.DetailType);
                break;
            default:
                json.Raw(",{\"type\":\"text\",\"text\":\"\\nResult: \",\"style\":{\"bold\":true}}"u8);
                text.Clear();
                AlertText.Result(ref text, alert);
                Element(ref json, ref any, text.Text, bold: false);

                json.Raw(",{\"type\":\"text\",\"text\":\"\\nMFA: \",\"style\":{\"bold\":true}}"u8);
                text.Clear();
                AlertText.Mfa(ref text, alert);
                Element(ref json, ref any, text.Text, bold: alert.Mfa == MfaStatus.NotUsed);
                break;
        }

        json.Raw(",{\"type\":\"text\",\"text\":\"\\nSource IP: \",\"style\":{\"bold\":true}}"u8);
        text.Clear();
        Value(ref text, alert.SourceIp);
        Label(ref text, alert.Context is { UnknownNetwork: true } ? "unknown network" : alert.Context?.NetworkLabel);
        Element(ref json, ref any, text.Text, bold: false);

        json.Raw(",{\"type\":\"text\",\"text\":\"\\nRegion: \",\"style\":{\"bold\":true}}"u8);
        ValueElement(ref json, ref text, alert.Region);

        json.Raw(",{\"type\":\"text\",\"text\":\"\\nTime: \",\"style\":{\"bold\":true}}"u8);
        Time(ref json, ref text, alert.Time);

        if (alert.Kind != AlertKind.SigninService || alert.EventName is not null)
        {
            json.Raw(",{\"type\":\"text\",\"text\":\"\\nEvent: \",\"style\":{\"bold\":true}}"u8);
            ValueElement(ref json, ref text, alert.EventName);
        }

        if (alert.Kind == AlertKind.SigninService)
        {
            Fields(ref json, ref text, alert);
        }

        if (!string.IsNullOrEmpty(alert.UserAgent))
        {
            json.Raw(",{\"type\":\"text\",\"text\":\"\\nUser agent: \",\"style\":{\"bold\":true}}"u8);
            text.Clear();
            text.AppendValue(alert.UserAgent, SlackLimits.UserAgent);
            Element(ref json, ref any, text.Text, bold: false);
        }

        // An ID that cannot go into the mrkdwn event line is still shown, as text.
        if (alert.EventId is not null && !CloudTrailLinks.IsEventId(alert.EventId))
        {
            json.Raw(",{\"type\":\"text\",\"text\":\"\\nEvent ID: \",\"style\":{\"bold\":true}}"u8);
            ValueElement(ref json, ref text, alert.EventId);
        }

        json.Raw("]}]}"u8);
    }

    /// <summary>
    /// "Not you? That wasn't me": the link to the Respond page and, with a Slack app, the two buttons. Only this
    /// product's words; the token travels in the link's URL and the buttons' values, JSON strings that Slack never
    /// reads as mrkdwn. A part that would break a Block Kit limit is left out rather than cut: a cut token is useless.
    /// </summary>
    private static void Respond(ref PayloadJson json, ref TextBuilder text, ResponseLinks links)
    {
        if (links.PageUrl.Length <= SlackLimits.LinkUrl && links.PageUrl.StartsWith("https://", StringComparison.Ordinal))
        {
            json.Raw(",{\"type\":\"rich_text\",\"elements\":[{\"type\":\"rich_text_section\",\"elements\":[{\"type\":\"text\",\"text\":\"Not you? \",\"style\":{\"bold\":true}},{\"type\":\"link\",\"url\":"u8);
            json.String(links.PageUrl);
            json.Raw(",\"text\":\"That wasn't me\"},{\"type\":\"text\",\"text\":\" opens a page to report this sign-in and shut it out. It works once, until \"}"u8);
            Time(ref json, ref text, links.ExpiresAt);
            json.Raw(",{\"type\":\"text\",\"text\":\".\"}]}]}"u8);
        }

        if (links.ButtonToken is not { Length: > 0 and <= SlackLimits.ButtonValue } token)
        {
            return;
        }

        json.Raw(",{\"type\":\"actions\",\"block_id\":\"signin_respond\",\"elements\":[{\"type\":\"button\",\"action_id\":\"signin_was_me\",\"text\":{\"type\":\"plain_text\",\"text\":\"That was me\"},\"value\":"u8);
        json.String(token);
        json.Raw("},{\"type\":\"button\",\"action_id\":\"signin_wasnt_me\",\"style\":\"danger\",\"text\":{\"type\":\"plain_text\",\"text\":\"That wasn't me\"},\"value\":"u8);
        json.String(token);
        json.Raw(",\"confirm\":{\"title\":{\"type\":\"plain_text\",\"text\":\"Report this sign-in?\"},\"text\":{\"type\":\"plain_text\",\"text\":"u8);
        json.Raw(links.Kind switch
        {
            ContainedKind.Role => "\"Every current session of this role ends: the intruder's, yours and anyone else's using it now; sessions started afterwards work. The administrators are told.\"},\"confirm\":{\"type\":\"plain_text\",\"text\":\"End the sessions\"}"u8,
            ContainedKind.IdentityCenter => "\"The administrators are told to disable this IAM Identity Center user and end their sessions: nothing is changed through IAM.\"},\"confirm\":{\"type\":\"plain_text\",\"text\":\"Report it\"}"u8,
            _ => "\"This IAM user is denied every action, which ends its current sessions, and its access keys are deactivated. The administrators are told, and can undo it.\"},\"confirm\":{\"type\":\"plain_text\",\"text\":\"Contain the user\"}"u8,
        });
        json.Raw(",\"deny\":{\"type\":\"plain_text\",\"text\":\"Cancel\"},\"style\":\"danger\"}}]}"u8);
    }

    /// <summary>A tamper alert's call, resource, other request parameters and result.</summary>
    private static void Change(ref PayloadJson json, ref TextBuilder text, SigninAlert alert)
    {
        var any = true;
        json.Raw(",{\"type\":\"text\",\"text\":\"\\nResource: \",\"style\":{\"bold\":true}}"u8);
        text.Clear();
        text.Append(alert.Change!.Noun);
        text.Append(' ');
        Value(ref text, alert.Resource);
        Element(ref json, ref any, text.Text, bold: false);

        json.Raw(",{\"type\":\"text\",\"text\":\"\\nService: \",\"style\":{\"bold\":true}}"u8);
        ValueElement(ref json, ref text, alert.EventSource);

        Fields(ref json, ref text, alert);

        json.Raw(",{\"type\":\"text\",\"text\":\"\\nResult: \",\"style\":{\"bold\":true}}"u8);
        text.Clear();
        if (alert.Outcome == Outcome.Failure)
        {
            text.Append("Refused");
            if (alert.FailureReason is not null)
            {
                text.Append(": ");
                text.AppendValue(alert.FailureReason);
            }
        }
        else
        {
            text.Append("Succeeded");
        }

        Element(ref json, ref any, text.Text, bold: alert.Outcome != Outcome.Failure);
    }

    /// <summary>
    /// Fields shown as recorded, one a line: the name (event text, so cleaned and cut like any value) in bold, then the
    /// value; past <see cref="SlackLimits.Fields"/> the rest are counted, not shown.
    /// </summary>
    private static void Fields(ref PayloadJson json, ref TextBuilder text, SigninAlert alert)
    {
        if (alert.Fields is not { } fields)
        {
            return;
        }

        var any = true;
        var shown = Math.Min(fields.Count, SlackLimits.Fields);
        for (var i = 0; i < shown; i++)
        {
            text.Clear();
            text.Append('\n');
            text.AppendValue(fields[i].Key, SlackLimits.FieldName);
            text.Append(": ");
            Element(ref json, ref any, text.Text, bold: true);
            text.Clear();
            text.AppendValue(fields[i].Value);
            Element(ref json, ref any, text.Text, bold: false);
        }

        var omitted = alert.FieldsOmitted + fields.Count - shown;
        if (omitted > 0)
        {
            text.Clear();
            text.Append("\n(");
            text.AppendFormatted(omitted);
            text.Append(omitted == 1 ? " more field not shown)" : " more fields not shown)");
            Element(ref json, ref any, text.Text, bold: false);
        }
    }

    private static void ValueElement(ref PayloadJson json, ref TextBuilder text, string? value)
    {
        text.Clear();
        Value(ref text, value);
        var any = true;
        Element(ref json, ref any, text.Text, bold: false);
    }

    internal static void Value(ref TextBuilder text, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            text.Append("not recorded");
        }
        else
        {
            text.AppendValue(value);
        }
    }

    /// <summary>What configuration calls a value (an account's name, a network's label), after it in brackets; cleaned like event text.</summary>
    private static void Label(ref TextBuilder text, string? label)
    {
        if (label is not null)
        {
            text.Append(" (");
            text.AppendValue(label);
            text.Append(')');
        }
    }

    /// <summary>Writes text in which <see cref="TextBuilder.Emphasis"/> toggles bold, as one text element per run.</summary>
    private static void Runs(ref PayloadJson json, ref bool any, ReadOnlySpan<char> text)
    {
        var bold = false;
        while (true)
        {
            var mark = text.IndexOf(TextBuilder.Emphasis);
            Element(ref json, ref any, mark < 0 ? text : text[..mark], bold);
            if (mark < 0)
            {
                return;
            }

            text = text[(mark + 1)..];
            bold = !bold;
        }
    }

    /// <summary>One rich-text text element (none for an empty text, which Slack refuses); every element but the first follows a comma.</summary>
    internal static void Element(ref PayloadJson json, ref bool any, ReadOnlySpan<char> text, bool bold)
    {
        if (text.IsEmpty)
        {
            return;
        }

        json.Raw(any ? ",{\"type\":\"text\",\"text\":"u8 : "{\"type\":\"text\",\"text\":"u8);
        json.String(text);
        json.Raw(bold ? ",\"style\":{\"bold\":true}}"u8 : "}"u8);
        any = true;
    }

    /// <summary>A date element: Slack shows the time in each reader's zone; the fallback is UTC.</summary>
    internal static void Time(ref PayloadJson json, ref TextBuilder text, DateTimeOffset? time)
    {
        if (time is not { } t)
        {
            json.Raw(",{\"type\":\"text\",\"text\":\"not recorded\"}"u8);
            return;
        }

        Span<byte> seconds = stackalloc byte[24];
        t.ToUnixTimeSeconds().TryFormat(seconds, out var written, default, CultureInfo.InvariantCulture);
        json.Raw(",{\"type\":\"date\",\"timestamp\":"u8);
        json.Raw(seconds[..written]);
        json.Raw(",\"format\":"u8);
        json.String(DateFormat);
        json.Raw(",\"fallback\":"u8);
        text.Clear();
        var utc = t.UtcDateTime;
        Digits(ref text, utc.Year, 4);
        text.Append('-');
        Digits(ref text, utc.Month, 2);
        text.Append('-');
        Digits(ref text, utc.Day, 2);
        text.Append(' ');
        Digits(ref text, utc.Hour, 2);
        text.Append(':');
        Digits(ref text, utc.Minute, 2);
        text.Append(':');
        Digits(ref text, utc.Second, 2);
        text.Append(" UTC");
        json.String(text.Text);
        json.Raw("}"u8);
    }

    /// <summary>A zero-padded number: "yyyy-MM-dd HH:mm:ss" without parsing a format string per alert.</summary>
    private static void Digits(ref TextBuilder text, int value, int width)
    {
        Span<char> digits = stackalloc char[width];
        for (var i = width - 1; i >= 0; i--, value /= 10)
        {
            digits[i] = (char)('0' + (value % 10));
        }

        text.Append(digits);
    }

    /// <summary>The event line, in mrkdwn for its link: only an ID of CloudTrail's form and a link built from checked values.</summary>
    private static void Context(ref TextBuilder text, SigninAlert alert)
    {
        if (alert.EventId is null)
        {
            text.Append("Event ID not recorded");
            return;
        }

        if (!CloudTrailLinks.IsEventId(alert.EventId))
        {
            text.Append("Event ID not of CloudTrail's form (shown above as recorded)");
            return;
        }

        text.Append("Event ID ");
        text.Append(alert.EventId);
        var before = text.Length;
        text.Append(" \u00b7 <");
        if (CloudTrailLinks.TryAppendEventUrl(ref text, alert.Region, alert.EventId))
        {
            text.Append("|View in CloudTrail>");
        }
        else
        {
            text.Rewind(before);
        }
    }
}
