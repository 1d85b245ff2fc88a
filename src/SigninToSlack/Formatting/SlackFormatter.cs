using System.Buffers;
using SigninToSlack.Alerts;
using SigninToSlack.Configuration;
using SigninToSlack.Text;

namespace SigninToSlack.Formatting;

/// <summary>
/// Writes the Slack message for an alert: a pure function of the alert, with every event value escaped and every
/// Block Kit limit held. The message is the top-level text (what notifications show) and one attachment whose
/// colour is the severity, holding a header, the sentence, the fields, the user agent and the event link.
/// </summary>
internal static class SlackFormatter
{
    /// <summary>Appends the payload to <paramref name="output"/>; returns its length in bytes.</summary>
    public static int Write(SigninAlert alert, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(output);
        var json = new PayloadJson(output);
        var text = new TextBuilder(escapeValues: true, 1024);
        try
        {
            text.Append(Emoji(alert.Severity));
            text.Append(" [");
            text.Append(SeverityLabel(alert.Severity));
            text.Append("] ");
            AlertText.Sentence(ref text, alert);
            Mention(ref text, alert.Context);
            text.Truncate(SlackLimits.MessageText);
            json.Raw("{\"text\":"u8);
            json.String(text.Text);

            json.Raw(",\"attachments\":[{\"color\":\""u8);
            json.Raw(Color(alert.Severity));
            json.Raw("\",\"blocks\":["u8);

            text.Clear();
            Header(ref text, alert);
            text.Truncate(SlackLimits.HeaderText);
            json.Raw("{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":"u8);
            json.String(text.Text);
            json.Raw(",\"emoji\":true}}"u8);

            text.Clear();
            AlertText.Sentence(ref text, alert, "*");
            text.Truncate(SlackLimits.SectionText);
            WriteSection(ref json, text.Text);

            WriteFields(ref json, ref text, alert);

            if (!string.IsNullOrEmpty(alert.UserAgent))
            {
                text.Clear();
                text.Append("*User agent*\n");
                text.AppendValue(alert.UserAgent);
                text.Truncate(SlackLimits.SectionText);
                WriteSection(ref json, text.Text);
            }

            text.Clear();
            Context(ref text, alert);
            text.Truncate(SlackLimits.ContextElementText);
            json.Raw(",{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":"u8);
            json.String(text.Text);

            // Event values can contain URLs: Slack fetches no preview for them.
            json.Raw("}]}]}],\"unfurl_links\":false,\"unfurl_media\":false}"u8);
            return json.Written;
        }
        finally
        {
            text.Dispose();
        }
    }

    private static ReadOnlySpan<byte> Color(Severity severity) => severity switch
    {
        Severity.Critical => "#D40E0D"u8,
        Severity.High => "#E8912D"u8,
        _ => "#2EB67D"u8,
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

    private static string SeverityLabel(Severity severity) => severity switch
    {
        Severity.Critical => "CRITICAL",
        Severity.High => "HIGH",
        _ => "INFO",
    };

    /// <summary>The header uses only fixed words, so nothing from the event reaches plain text unescaped.</summary>
    private static void Header(ref TextBuilder text, SigninAlert alert)
    {
        text.Append(Emoji(alert.Severity));
        text.Append(' ');
        text.Append(SeverityTitle(alert.Severity));
        text.Append(": ");
        text.Append(alert.Activity.Label);
        text.Append(alert.Outcome switch
        {
            Outcome.Success => " succeeded",
            Outcome.Failure => " failed",
            _ => " recorded",
        });
        if (alert.Principal.Kind == PrincipalKind.Root)
        {
            text.Append(" (root user)");
        }
    }

    private static void WriteFields(ref PayloadJson json, ref TextBuilder text, SigninAlert alert)
    {
        json.Raw(",{\"type\":\"section\",\"fields\":["u8);

        StartField(ref text, "Who");
        AlertText.Who(ref text, alert);
        Mention(ref text, alert.Context);
        EndField(ref json, ref text, first: true);

        StartField(ref text, "Account");
        Value(ref text, alert.AccountId);
        Label(ref text, alert.Context?.AccountName);
        EndField(ref json, ref text);

        StartField(ref text, "Result");
        AlertText.Result(ref text, alert);
        EndField(ref json, ref text);

        StartField(ref text, "MFA");
        var bold = alert.Mfa == MfaStatus.NotUsed;
        text.Append(bold ? "*" : string.Empty);
        AlertText.Mfa(ref text, alert);
        text.Append(bold ? "*" : string.Empty);
        EndField(ref json, ref text);

        StartField(ref text, "Source IP");
        Value(ref text, alert.SourceIp);
        Label(ref text, alert.Context is { UnknownNetwork: true } ? "unknown network" : alert.Context?.NetworkLabel);
        EndField(ref json, ref text);
        ValueField(ref json, ref text, "Region", alert.Region);

        StartField(ref text, "Time");
        Time(ref text, alert.Time);
        EndField(ref json, ref text);

        ValueField(ref json, ref text, "Event", alert.EventName);

        json.Raw("]}"u8);
    }

    private static void StartField(ref TextBuilder text, string label)
    {
        text.Clear();
        text.Append('*');
        text.Append(label);
        text.Append("*\n");
    }

    /// <summary>Writes the field built in <paramref name="text"/>; every field but the first follows a comma.</summary>
    private static void EndField(ref PayloadJson json, ref TextBuilder text, bool first = false)
    {
        text.Truncate(SlackLimits.Field);
        json.Raw(first ? "{\"type\":\"mrkdwn\",\"text\":"u8 : ",{\"type\":\"mrkdwn\",\"text\":"u8);
        json.String(text.Text);
        json.Raw("}"u8);
    }

    private static void ValueField(ref PayloadJson json, ref TextBuilder text, string label, string? value)
    {
        StartField(ref text, label);
        Value(ref text, value);
        EndField(ref json, ref text);
    }

    private static void Value(ref TextBuilder text, string? value)
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

    /// <summary>What configuration calls a value (an account's name, a network's label), after it in brackets; escaped like event text.</summary>
    private static void Label(ref TextBuilder text, string? label)
    {
        if (label is not null)
        {
            text.Append(" (");
            text.AppendValue(label);
            text.Append(')');
        }
    }

    /// <summary>The person, mentioned so Slack tells them: the one control sequence not from this product's fixed text, and only for a valid member ID.</summary>
    private static void Mention(ref TextBuilder text, AlertContext? context)
    {
        if (context?.MemberId is { } member && SlackMemberId.IsValid(member))
        {
            text.Append(" <@");
            text.Append(member);
            text.Append('>');
        }
    }

    /// <summary>Slack shows the time in each reader's zone; the fallback is UTC.</summary>
    private static void Time(ref TextBuilder text, DateTimeOffset? time)
    {
        if (time is not { } t)
        {
            text.Append("not recorded");
            return;
        }

        text.Append("<!date^");
        text.AppendFormatted(t.ToUnixTimeSeconds());
        text.Append("^{date_short} {time_secs}|");
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
        text.Append(" UTC>");
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

    private static void Context(ref TextBuilder text, SigninAlert alert)
    {
        if (alert.EventId is null)
        {
            text.Append("Event ID not recorded");
        }
        else
        {
            text.Append("Event ID ");
            text.AppendValue(alert.EventId);
        }

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

    private static void WriteSection(ref PayloadJson json, ReadOnlySpan<char> mrkdwn)
    {
        json.Raw(",{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":"u8);
        json.String(mrkdwn);
        json.Raw("}}"u8);
    }
}
