namespace SigninToSlack.Configuration;

/// <summary>The Respond function's settings ("That wasn't me" links and their containment).</summary>
internal sealed record RespondSettings
{
    public const string LinkKeyVariable = "SIGNIN_LINK_KEY";
    public const string LinkTtlVariable = "SIGNIN_LINK_TTL_MINUTES";
    public const string AccountVariable = "SIGNIN_ACCOUNT_ID";
    public const string OwnPrincipalsVariable = "SIGNIN_OWN_PRINCIPALS";
    public const string UrlVariable = "SIGNIN_RESPOND_URL";
    public const string SigningSecretVariable = "SLACK_SIGNING_SECRET";
    public const string AdminsVariable = "SLACK_ADMINS";
    public const string UndoTtlVariable = "SIGNIN_UNDO_TTL_MINUTES";

    public const int MinLinkKeyLength = 32;
    public static readonly TimeSpan DefaultLinkTtl = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan MaxLinkTtl = TimeSpan.FromHours(24);
    public static readonly TimeSpan DefaultUndoTtl = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxUndoTtl = TimeSpan.FromDays(7);

    public static readonly RespondSettings None = new();

    /// <summary>The key tokens are signed with; a secret. Null: no links.</summary>
    public SecretSetting<string>? LinkKey { get; init; }

    /// <summary>How long a "That wasn't me" link works (SIGNIN_LINK_TTL_MINUTES).</summary>
    public TimeSpan LinkTtl { get; init; } = DefaultLinkTtl;

    /// <summary>The account the Respond function acts in; a token about another is refused.</summary>
    public string? Account { get; init; }

    /// <summary>This product's own roles (and any user) by name: never contained.</summary>
    public IReadOnlySet<string> OwnPrincipals { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The Respond function's URL (SIGNIN_RESPOND_URL): set on the notifier, with <see cref="LinkKey"/>, the alert for
    /// a successful sign-in by a principal that can be contained carries a "That wasn't me" link to it.
    /// </summary>
    public Uri? Url { get; init; }

    /// <summary>
    /// The Slack app's signing secret (SLACK_SIGNING_SECRET); a secret. On the notifier its presence adds the buttons;
    /// the Respond function checks every Slack request with it, and without it refuses them.
    /// </summary>
    public SecretSetting<string>? SigningSecret { get; init; }

    /// <summary>The Slack member IDs who may answer any alert's buttons and undo a containment (SLACK_ADMINS).</summary>
    public IReadOnlySet<string> Admins { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>How long the admins' "Undo" works (SIGNIN_UNDO_TTL_MINUTES).</summary>
    public TimeSpan UndoTtl { get; init; } = DefaultUndoTtl;

    /// <summary>Whether the notifier puts links (and with <see cref="SigningSecret"/>, buttons) in alerts.</summary>
    public bool Links => Url is not null && LinkKey is not null;

    /// <summary>Never prints the link key or the signing secret.</summary>
    public override string ToString() =>
        $"RespondSettings {{ Url = {Url?.ToString() ?? "unset"}, LinkKey = {LinkKey?.ToString() ?? "unset"}, LinkTtl = {LinkTtl.TotalMinutes} min, UndoTtl = {UndoTtl.TotalMinutes} min, Account = {Account ?? "unset"}, SigningSecret = {SigningSecret?.ToString() ?? "unset"}, Admins = [{string.Join(", ", Admins)}], OwnPrincipals = [{string.Join(", ", OwnPrincipals)}] }}";

    /// <summary>A Slack signing secret: what the app's Basic Information page shows (32 hexadecimal characters), one line.</summary>
    public static string? ParseSigningSecret(string value, out string? result)
    {
        result = null;
        if (value.Length < 16 || value.Length > 256 || value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return "must be the Slack app's signing secret (Basic Information, App Credentials): one word of 16 to 256 characters";
        }

        result = value;
        return null;
    }

    /// <summary>
    /// SIGNIN_RESPOND_URL: an absolute https URL with no user information, query or fragment, e.g. the function URL
    /// https://abc123.lambda-url.eu-west-1.on.aws/. It only goes into links, never receives a secret.
    /// </summary>
    public static string? ParseUrl(string value, out Uri? result)
    {
        result = null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || url.UserInfo.Length != 0
            || url.Query.Length != 0 || url.Fragment.Length != 0 || url.HostNameType != UriHostNameType.Dns
            || value.Any(c => c is '<' or '>' or '|' or '"' or '\\' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "must be the Respond function's https URL without user, query or fragment (e.g. its function URL, https://<id>.lambda-url.<region>.on.aws/)";
        }

        result = url;
        return null;
    }

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
