using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using SigninToSlack.Text;

namespace SigninToSlack.Formatting;

/// <summary>Links to an event in the CloudTrail console, built only from values that cannot break a Slack link.</summary>
internal static class CloudTrailLinks
{
    private static readonly SearchValues<char> RegionChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");
    private static readonly SearchValues<char> IdChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    /// <summary>An event ID of CloudTrail's form (letters, digits, hyphens; at most 64): safe as it is in mrkdwn and in a URL.</summary>
    public static bool IsEventId([NotNullWhen(true)] string? eventId) =>
        !string.IsNullOrEmpty(eventId) && eventId.Length <= 64 && !eventId.AsSpan().ContainsAnyExcept(IdChars);

    /// <summary>A region name's form (lower-case letters, digits, hyphens; at most 32).</summary>
    public static bool IsRegion([NotNullWhen(true)] string? region) =>
        !string.IsNullOrEmpty(region) && region.Length <= 32 && !region.AsSpan().ContainsAnyExcept(RegionChars);

    /// <summary>Appends the console URL of one event; false (nothing appended) when the region or ID is missing or not of the expected form.</summary>
    public static bool TryAppendEventUrl(ref TextBuilder text, string? region, string? eventId)
    {
        if (!IsRegion(region) || !IsEventId(eventId))
        {
            return false;
        }

        if (region.StartsWith("us-gov-", StringComparison.Ordinal))
        {
            text.Append("https://console.amazonaws-us-gov.com");
        }
        else if (region.StartsWith("cn-", StringComparison.Ordinal))
        {
            text.Append("https://console.amazonaws.cn");
        }
        else
        {
            text.Append("https://");
            text.Append(region);
            text.Append(".console.aws.amazon.com");
        }

        text.Append("/cloudtrailv2/home?region=");
        text.Append(region);
        text.Append("#/events/");
        text.Append(eventId);
        return true;
    }
}
