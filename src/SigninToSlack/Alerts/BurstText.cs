using SigninToSlack.Text;

namespace SigninToSlack.Alerts;

/// <summary>
/// The words a burst summary reads as, e.g. "37 failed sign-ins to 4 users in account 111122223333 (prod) from
/// 203.0.113.9 between 12:01 and 12:04 UTC". Values from the events go through
/// <see cref="TextBuilder.AppendValue(ReadOnlySpan{char})"/>, as in <see cref="AlertText"/>.
/// </summary>
internal static class BurstText
{
    public static void Sentence(ref TextBuilder text, BurstSummary burst)
    {
        ArgumentNullException.ThrowIfNull(burst);
        text.AppendFormatted(burst.Count);
        text.Append(" failed sign-ins to ");
        if (burst.Users.Count == 1)
        {
            AlertText.Who(ref text, burst.Users[0].Example);
        }
        else
        {
            text.AppendFormatted(burst.Users.Count);
            text.Append(" users");
        }

        if (burst.AccountId is not null)
        {
            text.Append(" in account ");
            text.AppendValue(burst.AccountId);
            if (burst.Context?.AccountName is { } name)
            {
                text.Append(" (");
                text.AppendValue(name);
                text.Append(')');
            }
        }

        if (burst.Sources.Count == 1 && burst.Sources[0].Example.SourceIp is { } ip)
        {
            text.Append(" from ");
            text.AppendValue(ip);
        }
        else if (burst.Sources.Count > 1)
        {
            text.Append(" from ");
            text.AppendFormatted(burst.Sources.Count);
            text.Append(" source IPs");
        }

        if (burst.First is { } first && burst.Last is { } last)
        {
            text.Append(" between ");
            var sameDay = first.UtcDateTime.Date == last.UtcDateTime.Date;
            Time(ref text, first, withDate: !sameDay);
            text.Append(" and ");
            Time(ref text, last, withDate: !sameDay);
            text.Append(" UTC");
        }
    }

    /// <summary>The sentence as plain text, for log lines.</summary>
    public static string PlainSentence(BurstSummary burst)
    {
        var text = new TextBuilder(forSlack: false, 256);
        try
        {
            Sentence(ref text, burst);
            return text.ToString();
        }
        finally
        {
            text.Dispose();
        }
    }

    /// <summary>"12:04", or "2026-11-27 23:58" when the burst crosses midnight (UTC).</summary>
    private static void Time(ref TextBuilder text, DateTimeOffset time, bool withDate)
    {
        var utc = time.UtcDateTime;
        text.AppendFormatted(utc, withDate ? "yyyy'-'MM'-'dd HH':'mm" : "HH':'mm");
    }
}
