using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SigninToSlack.Respond;

/// <summary>What a check of Slack's request signature found.</summary>
internal enum SlackSignatureCheck
{
    Valid,

    /// <summary>X-Slack-Signature or X-Slack-Request-Timestamp is absent, or not of Slack's form.</summary>
    Missing,

    /// <summary>The timestamp is more than five minutes from now: a replay, or a clock far off.</summary>
    Stale,

    /// <summary>The signature is not the signing secret's over this body.</summary>
    Mismatch,
}

/// <summary>
/// Slack's request signing (version v0): <c>v0=</c> and the hex HMAC-SHA256, keyed with the app's signing secret,
/// of <c>v0:&lt;X-Slack-Request-Timestamp&gt;:&lt;raw body&gt;</c>, compared in constant time.
/// </summary>
internal static class SlackSignature
{
    public const string SignatureHeader = "x-slack-signature";
    public const string TimestampHeader = "x-slack-request-timestamp";
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public static string Compute(ReadOnlySpan<byte> signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        var prefix = Encoding.ASCII.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(signingSecret, message));
    }

    /// <param name="maxAge">How old the timestamp may be: <see cref="MaxAge"/> unless a request already checked once is read again.</param>
    public static SlackSignatureCheck Verify(
        ReadOnlySpan<byte> signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan? maxAge = null)
    {
        if (string.IsNullOrEmpty(timestamp) || timestamp.Length > 12 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || signature is null || !signature.StartsWith("v0=", StringComparison.Ordinal) || signature.Length > 100)
        {
            return SlackSignatureCheck.Missing;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > (long)(maxAge ?? MaxAge).TotalSeconds)
        {
            return SlackSignatureCheck.Stale;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(signingSecret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)) ? SlackSignatureCheck.Valid : SlackSignatureCheck.Mismatch;
    }
}
