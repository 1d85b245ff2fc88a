using SigninToSlack.Text;

namespace SigninToSlack.Slack;

/// <summary>Slack mrkdwn escaping and limit-safe truncation for whole strings.</summary>
internal static class Mrkdwn
{
    /// <summary>Replaces &amp;, &lt; and &gt; with entities, so no value can become a mention, a link or a command.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return value;
        }

        var builder = new TextBuilder(escapeValues: true, value.Length + 16);
        try
        {
            builder.AppendValue(value);
            return builder.ToString();
        }
        finally
        {
            builder.Dispose();
        }
    }

    /// <summary>Shortens text to at most <paramref name="max"/> characters as <see cref="TextBuilder.Truncate"/> does.</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, TextBuilder.CutIndex(text, max)), "\u2026");
    }
}
