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
    private const int MaxPlainEventId = 200;

    /// <summary>The claim on one event's post to one destination (a channel's name, or "dm"); never a webhook.</summary>
    public static string Delivery(string eventId, string destination)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentNullException.ThrowIfNull(destination);
        var id = eventId.Length <= MaxPlainEventId
            ? eventId
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)));
        return $"{DeliveryPrefix}{id}#{destination}";
    }
}
