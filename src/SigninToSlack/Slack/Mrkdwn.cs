using System.Text;

namespace SigninToSlack.Slack;

/// <summary>Slack mrkdwn escaping and limit-safe truncation.</summary>
internal static class Mrkdwn
{
    private const char Ellipsis = '\u2026';

    /// <summary>Replaces &amp;, &lt; and &gt; with entities, so no value can become a mention, a link or a command.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var first = value.AsSpan().IndexOfAny('&', '<', '>');
        if (first < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        builder.Append(value.AsSpan(0, first));
        foreach (var c in value.AsSpan(first))
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>
    /// Shortens text to at most <paramref name="max"/> characters with an ellipsis, never cutting an
    /// entity written by <see cref="Escape"/> or a surrogate pair in two.
    /// </summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (char.IsLowSurrogate(text[cut]) && cut > 0)
        {
            cut--;
        }

        // An entity is at most 5 characters ("&amp;"): back off to its '&' when the cut falls inside one.
        var amp = cut == 0 ? -1 : text.LastIndexOf('&', cut - 1, Math.Min(cut, 5));
        if (amp >= 0 && text.IndexOf(';', amp) >= cut)
        {
            cut = amp;
        }

        return string.Concat(text.AsSpan(0, cut), [Ellipsis]);
    }
}
