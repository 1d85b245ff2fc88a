using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SigninToSlack.State;

/// <summary>
/// The ids of the state table's items. Each starts with its kind, since the table holds other kinds of item too.
/// An event ID is the event's own text: a long one is hashed, so that no key passes DynamoDB's limit of 2048 bytes.
/// </summary>
internal static class ClaimKeys
{
    public const string DeliveryPrefix = "delivery#";
    public const string FailuresPrefix = "failures#";
    private const int MaxPlainEventId = 200;

    /// <summary>The claim on one event's post to one destination (a channel's name, or "dm"); never a webhook.</summary>
    public static string Delivery(string eventId, string destination)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentNullException.ThrowIfNull(destination);
        return $"{DeliveryPrefix}{Plain(eventId)}#{destination}";
    }

    /// <summary>
    /// The failed sign-ins from one source IP in one minute (UTC, <c>yyyyMMddHHmm</c>). The minute is always last and
    /// fixed-width, so an IP holding '#' cannot make two keys meet.
    /// </summary>
    public static string Failures(string sourceIp, DateTimeOffset minute)
    {
        ArgumentNullException.ThrowIfNull(sourceIp);
        return $"{FailuresPrefix}{Plain(sourceIp)}#{minute.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}";
    }

    /// <summary>Text from an event as a key's part: itself, or its SHA-256 when it is long.</summary>
    private static string Plain(string text) => text.Length <= MaxPlainEventId
        ? text
        : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
