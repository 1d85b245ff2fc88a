using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SigninToSlack.Tokens;

/// <summary>
/// Mints and checks the tokens in "That wasn't me" links and buttons: <c>v1.&lt;payload&gt;.&lt;mac&gt;</c>, both parts
/// base64url, the MAC an HMAC-SHA256 with the link key over <c>v1.&lt;payload&gt;</c> (so the version is signed too),
/// compared in constant time before anything in the payload is believed.
/// </summary>
internal static class TokenCodec
{
    public const string Version = "v1";

    /// <summary>Far longer than any token minted here; anything longer is refused unread.</summary>
    public const int MaxLength = 4096;

    /// <summary>The page's query field that carries the token.</summary>
    public const string QueryField = "t";

    /// <summary>The shortest link key accepted: 32 bytes.</summary>
    public const int MinKeyLength = 32;

    /// <exception cref="ArgumentException">A field holds something a token may not carry (a line break, a malformed ID).</exception>
    public static string Mint(ResponseToken token, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!Identity.AwsNames.IsAccountId(token.Account))
        {
            throw new ArgumentException("the account is not 12 digits", nameof(token));
        }

        if (token.PrincipalArn.Length is 0 or > 2048 || token.PrincipalArn.Any(char.IsControl))
        {
            throw new ArgumentException("the principal ARN is empty, too long or holds control characters", nameof(token));
        }

        if (!IsId(token.EventId, 128) || token.Keys.Any(k => !IsId(k, 128) || k.Contains('-', StringComparison.Ordinal)))
        {
            throw new ArgumentException("the event ID or an access key ID holds other characters than letters, digits and '-'", nameof(token));
        }

        if (token.Member is { } member && (member.Length is 0 or > 32 || !member.All(char.IsAsciiLetterOrDigit)))
        {
            throw new ArgumentException("the Slack member ID holds other characters than letters and digits", nameof(token));
        }

        var payload = string.Join(
            '\n',
            token.Purpose == TokenPurpose.Contain ? "contain" : "undo",
            token.Account,
            token.PrincipalArn,
            token.EventId,
            token.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            string.Join(',', token.Keys),
            token.Member ?? string.Empty,
            token.ContainedAt is { } at ? at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : string.Empty);
        var signed = $"{Version}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}";
        return $"{signed}.{Base64Url.EncodeToString(Mac(key, signed))}";
    }

    /// <summary>Checks the signature, then the purpose, the expiry and the account; the token is set only when all hold.</summary>
    public static TokenProblem Verify(
        string? text, ReadOnlySpan<byte> key, TokenPurpose purpose, string account, DateTimeOffset now, out ResponseToken? token)
    {
        token = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return TokenProblem.Malformed;
        }

        var parts = text.Split('.');
        if (parts.Length != 3)
        {
            return TokenProblem.Malformed;
        }

        if (parts[0] != Version)
        {
            return TokenProblem.UnknownVersion;
        }

        if (!Base64Url.IsValid(parts[1]) || !Base64Url.IsValid(parts[2]))
        {
            return TokenProblem.Malformed;
        }

        var payload = Base64Url.DecodeFromChars(parts[1]);
        var given = Base64Url.DecodeFromChars(parts[2]);

        // Only the canonical spelling: base64's spare bits would otherwise give one token several texts, and
        // each would pass the single-use ledger once.
        if (Base64Url.EncodeToString(payload) != parts[1] || Base64Url.EncodeToString(given) != parts[2])
        {
            return TokenProblem.Malformed;
        }

        var expected = Mac(key, $"{parts[0]}.{parts[1]}");
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return TokenProblem.Tampered;
        }

        // Signed by this key, so minted here: a payload that does not read is a bug, not an attack.
        var fields = Encoding.UTF8.GetString(payload).Split('\n');
        if (fields.Length != 8 || fields[0] is not ("contain" or "undo")
            || !long.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry) || expiry > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (fields[7].Length > 0 && (!long.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var contained) || contained > expiry)))
        {
            return TokenProblem.Malformed;
        }

        var read = new ResponseToken(
            fields[0] == "contain" ? TokenPurpose.Contain : TokenPurpose.Undo,
            fields[1],
            fields[2],
            fields[3],
            DateTimeOffset.FromUnixTimeSeconds(expiry),
            fields[5].Length == 0 ? [] : fields[5].Split(','),
            fields[6].Length == 0 ? null : fields[6],
            fields[7].Length == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture)));
        if (read.Purpose != purpose)
        {
            return TokenProblem.WrongPurpose;
        }

        if (now >= read.ExpiresAt)
        {
            return TokenProblem.Expired;
        }

        if (read.Account != account)
        {
            return TokenProblem.WrongAccount;
        }

        token = read;
        return TokenProblem.None;
    }

    /// <summary>
    /// What the single-use ledger records for a token: a hash, so that the table never holds a usable token,
    /// with the action (a "that was me" must not use up the "that wasn't me" of the same token).
    /// </summary>
    public static string UseKey(string text, string action)
    {
        ArgumentNullException.ThrowIfNull(text);
        return $"{action}#{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}";
    }

    /// <summary>The Respond function's page for a token: its URL with the token as the only query field.</summary>
    public static string PageLink(Uri respondUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(respondUrl);
        return $"{respondUrl.GetLeftPart(UriPartial.Path)}?{QueryField}={token}";
    }

    private static byte[] Mac(ReadOnlySpan<byte> key, string signed) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed));

    private static bool IsId(string value, int max) =>
        value.Length is > 0 && value.Length <= max && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
