namespace SigninToSlack.Slack;

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
