namespace SigninToSlack.Configuration;

/// <summary>The two shapes of multi-valued settings: lists (<c>a,b,c</c>) and maps (<c>key=value;key=value</c>).</summary>
internal static class SettingSyntax
{
    /// <summary>An AWS account ID: exactly 12 ASCII digits.</summary>
    public static bool IsAccountId(string? value) => Identity.AwsNames.IsAccountId(value);

    /// <summary>The items of a comma-separated list, trimmed, empty ones dropped.</summary>
    public static string[] List(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The entries of a map, keys and values trimmed; a key given twice fails.</summary>
    /// <param name="shape">How an entry looks, for the message, e.g. "&lt;account id&gt;=&lt;name&gt;".</param>
    /// <param name="atLastEquals">Split an entry at its last '=' (the key may hold one) instead of its first (the value may).</param>
    /// <param name="secret">The values are secrets: no message quotes an entry, only its number or key.</param>
    /// <exception cref="ConfigurationException">An entry is not key=value, or a key repeats.</exception>
    public static List<KeyValuePair<string, string>> Map(string variable, string value, string shape, bool atLastEquals = false, bool secret = false)
    {
        var entries = value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var map = new List<KeyValuePair<string, string>>(entries.Length);
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var equals = atLastEquals ? entry.LastIndexOf('=') : entry.IndexOf('=', StringComparison.Ordinal);
            var key = equals > 0 ? entry[..equals].Trim() : string.Empty;
            var item = equals > 0 ? entry[(equals + 1)..].Trim() : string.Empty;
            if (key.Length == 0 || item.Length == 0)
            {
                throw new ConfigurationException(
                    $"{variable}: entry {i + 1}{(secret ? string.Empty : $" ('{Shown(entry)}')")} is not {shape}; separate entries with ';'");
            }

            if (!keys.Add(key))
            {
                throw new ConfigurationException(secret ? $"{variable}: entry {i + 1} repeats the key of an earlier entry" : $"{variable} gives '{Shown(key)}' twice");
            }

            map.Add(new(key, item));
        }

        return map;
    }

    /// <summary>A value as a message may quote it: at most 40 characters.</summary>
    public static string Shown(string value) => value.Length > 40 ? value[..40] + "..." : value;
}
