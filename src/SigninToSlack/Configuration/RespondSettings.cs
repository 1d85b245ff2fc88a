namespace SigninToSlack.Configuration;

/// <summary>The Respond function's settings ("That wasn't me" links and their containment).</summary>
internal sealed record RespondSettings
{
    public const string LinkKeyVariable = "SIGNIN_LINK_KEY";
    public const string LinkTtlVariable = "SIGNIN_LINK_TTL_MINUTES";
    public const string AccountVariable = "SIGNIN_ACCOUNT_ID";
    public const string OwnPrincipalsVariable = "SIGNIN_OWN_PRINCIPALS";

    public const int MinLinkKeyLength = 32;
    public static readonly TimeSpan DefaultLinkTtl = TimeSpan.FromMinutes(30);

    public static readonly RespondSettings None = new();

    /// <summary>The key tokens are signed with; a secret. Null: no links.</summary>
    public SecretSetting<string>? LinkKey { get; init; }

    /// <summary>How long a "That wasn't me" link works (SIGNIN_LINK_TTL_MINUTES).</summary>
    public TimeSpan LinkTtl { get; init; } = DefaultLinkTtl;

    /// <summary>The account the Respond function acts in; a token about another is refused.</summary>
    public string? Account { get; init; }

    /// <summary>This product's own roles (and any user) by name: never contained.</summary>
    public IReadOnlySet<string> OwnPrincipals { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Never prints the link key.</summary>
    public override string ToString() =>
        $"RespondSettings {{ LinkKey = {LinkKey?.ToString() ?? "unset"}, LinkTtl = {LinkTtl.TotalMinutes} min, Account = {Account ?? "unset"}, OwnPrincipals = [{string.Join(", ", OwnPrincipals)}] }}";

    /// <summary>A link key must be long enough to be a key, and one line.</summary>
    public static string? ParseLinkKey(string value, out string? result)
    {
        result = null;
        if (value.Length < MinLinkKeyLength)
        {
            return $"must be at least {MinLinkKeyLength} characters (e.g. openssl rand -base64 48)";
        }

        if (value.Any(char.IsControl))
        {
            return "must be one line without control characters";
        }

        result = value;
        return null;
    }
}
