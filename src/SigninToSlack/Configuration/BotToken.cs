namespace SigninToSlack.Configuration;

/// <summary>What SLACK_BOT_TOKEN must be: a Slack token (xoxb-..., or a rotating xoxe.xoxb-...), one word.</summary>
internal static class BotToken
{
    /// <summary>A <see cref="Secrets.SecretParser{T}"/>: null when valid, else the problem, never quoting the value.</summary>
    public static string? Parse(string value, out string? result)
    {
        result = null;
        var token = value.Trim();
        if (!(token.StartsWith("xoxb-", StringComparison.Ordinal) || token.StartsWith("xoxe.xoxb-", StringComparison.Ordinal)
            || token.StartsWith("xoxp-", StringComparison.Ordinal) || token.StartsWith("xoxe.xoxp-", StringComparison.Ordinal)))
        {
            return "must be a Slack bot token (xoxb-...), from the app's OAuth & Permissions page";
        }

        if (token.Length > 512 || !token.All(c => c > ' ' && c < '\u007f'))
        {
            return "must be a Slack token: printable ASCII without spaces";
        }

        result = token;
        return null;
    }
}
