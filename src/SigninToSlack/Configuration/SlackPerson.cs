using System.Buffers;

namespace SigninToSlack.Configuration;

/// <summary>Who a principal is in Slack: a member ID (U...), or an e-mail address looked up with the bot token.</summary>
internal sealed record SlackPerson(string? MemberId, string? Email)
{
    private static readonly SearchValues<char> NotInAddress = SearchValues.Create(" \t<>|;,");

    /// <summary>What the destinations line and logs call this person: the member ID, else the e-mail address.</summary>
    public string Shown => MemberId ?? Email!;

    /// <summary>Reads "U012AB3CD" (or "W..." for Enterprise Grid) or "alice@example.com"; null when it is neither.</summary>
    public static SlackPerson? Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (SlackMemberId.IsValid(value))
        {
            return new SlackPerson(value, null);
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == value.LastIndexOf('@') && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.')
            && !value.AsSpan().ContainsAny(NotInAddress)
            ? new SlackPerson(null, value)
            : null;
    }
}

/// <summary>A Slack member ID: U (or W on Enterprise Grid), then upper-case letters and digits. Only such an ID goes inside a mention.</summary>
internal static class SlackMemberId
{
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.Length < 3 || value.Length > 20 || value[0] is not ('U' or 'W'))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
