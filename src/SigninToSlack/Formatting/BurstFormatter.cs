using System.Buffers;
using SigninToSlack.Alerts;
using SigninToSlack.Text;

namespace SigninToSlack.Formatting;

/// <summary>
/// Writes the Slack message for a burst of failed sign-ins: a pure function of the summary, laid out and escaped as
/// <see cref="SlackFormatter"/> lays out one alert. The top-level text and the context line (mrkdwn) hold only this
/// product's words, counts, a checked account ID and the summary's hex ID; every value from the events (names,
/// source IPs, the account's name) travels as rich text, cleaned and capped, and the lists stop at
/// <see cref="BurstSummary.MaxListed"/> entries, so the message holds Block Kit's limits for any burst.
/// </summary>
internal static class BurstFormatter
{
    /// <summary>Appends the payload to <paramref name="output"/>; returns its length in bytes.</summary>
    public static int Write(BurstSummary burst, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(burst);
        ArgumentNullException.ThrowIfNull(output);
        var json = new PayloadJson(output);
        var text = new TextBuilder(forSlack: true, 1024);
        try
        {
            var severity = burst.Severity;
            text.Append(SlackFormatter.Emoji(severity));
            text.Append(" [");
            text.Append(SlackFormatter.SeverityLabel(severity));
            text.Append("] ");
            Counts(ref text, burst);
            if (SlackFormatter.IsAccountId(burst.AccountId))
            {
                text.Append(" \u00b7 account ");
                text.Append(burst.AccountId);
            }

            SlackFormatter.Start(ref json, text.Text, severity);

            text.Clear();
            text.Append(SlackFormatter.Emoji(severity));
            text.Append(' ');
            text.Append(SlackFormatter.SeverityTitle(severity));
            text.Append(": burst of failed sign-ins");
            SlackFormatter.HeaderBlock(ref json, text.Text);

            text.Clear();
            BurstText.Sentence(ref text, burst);
            json.Raw(",{\"type\":\"rich_text\",\"elements\":[{\"type\":\"rich_text_section\",\"elements\":["u8);
            var any = false;
            SlackFormatter.Element(ref json, ref any, text.Text, bold: false);
            json.Raw("]}]}"u8);

            Details(ref json, ref text, burst);

            text.Clear();
            text.Append("Summary ID ");
            text.Append(burst.Id);
            text.Append(" \u00b7 ");
            text.AppendFormatted(burst.Count);
            text.Append(" events folded; their IDs are in the function's log");
            SlackFormatter.End(ref json, text.Text);
            return json.Written;
        }
        finally
        {
            text.Dispose();
        }
    }

    /// <summary>"37 failed sign-ins to 4 users from 3 source IPs": counts only, for mrkdwn.</summary>
    private static void Counts(ref TextBuilder text, BurstSummary burst)
    {
        text.AppendFormatted(burst.Count);
        text.Append(" failed sign-ins to ");
        text.AppendFormatted(burst.Users.Count);
        text.Append(burst.Users.Count == 1 ? " user" : " users");
        text.Append(" from ");
        text.AppendFormatted(burst.Sources.Count);
        text.Append(burst.Sources.Count == 1 ? " source IP" : " source IPs");
    }

    private static void Details(ref PayloadJson json, ref TextBuilder text, BurstSummary burst)
    {
        json.Raw(",{\"type\":\"rich_text\",\"elements\":[{\"type\":\"rich_text_section\",\"elements\":["u8);
        json.Raw("{\"type\":\"text\",\"text\":\"Account: \",\"style\":{\"bold\":true}}"u8);
        var any = true;
        text.Clear();
        SlackFormatter.Value(ref text, burst.AccountId);
        if (burst.Context?.AccountName is { } name)
        {
            text.Append(" (");
            text.AppendValue(name);
            text.Append(')');
        }

        SlackFormatter.Element(ref json, ref any, text.Text, bold: false);

        json.Raw(",{\"type\":\"text\",\"text\":\"\\nFrom: \",\"style\":{\"bold\":true}}"u8);
        SlackFormatter.Time(ref json, ref text, burst.First);
        json.Raw(",{\"type\":\"text\",\"text\":\"\\nTo: \",\"style\":{\"bold\":true}}"u8);
        SlackFormatter.Time(ref json, ref text, burst.Last);

        json.Raw(",{\"type\":\"text\",\"text\":\"\\nUsers:\",\"style\":{\"bold\":true}}"u8);
        Shares(ref json, ref text, burst.Users, byUser: true);
        json.Raw(",{\"type\":\"text\",\"text\":\"\\nSource IPs:\",\"style\":{\"bold\":true}}"u8);
        Shares(ref json, ref text, burst.Sources, byUser: false);
        json.Raw("]}]}"u8);
    }

    /// <summary>One line per user (or source IP), "IAM user alice: 12 attempts", then how many more were not named.</summary>
    private static void Shares(ref PayloadJson json, ref TextBuilder text, IReadOnlyList<BurstShare> shares, bool byUser)
    {
        var any = true;
        var listed = Math.Min(shares.Count, BurstSummary.MaxListed);
        for (var i = 0; i < listed; i++)
        {
            text.Clear();
            text.Append("\n\u2022 ");
            if (byUser)
            {
                AlertText.Who(ref text, shares[i].Example);
            }
            else
            {
                SlackFormatter.Value(ref text, shares[i].Example.SourceIp);
            }

            Attempts(ref text, shares[i].Count);
            SlackFormatter.Element(ref json, ref any, text.Text, bold: false);
        }

        if (shares.Count > listed)
        {
            var rest = 0;
            for (var i = listed; i < shares.Count; i++)
            {
                rest += shares[i].Count;
            }

            text.Clear();
            text.Append("\n\u2022 and ");
            text.AppendFormatted(shares.Count - listed);
            text.Append(" more");
            Attempts(ref text, rest);
            SlackFormatter.Element(ref json, ref any, text.Text, bold: false);
        }
    }

    private static void Attempts(ref TextBuilder text, int count)
    {
        text.Append(": ");
        text.AppendFormatted(count);
        text.Append(count == 1 ? " attempt" : " attempts");
    }
}
