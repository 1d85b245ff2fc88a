using System.Buffers;

namespace SigninToSlack.Slack;

/// <summary>Links to an event in the CloudTrail console, built only from values that cannot break a Slack link.</summary>
internal static class CloudTrailLinks
{
    private static readonly SearchValues<char> RegionChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");
    private static readonly SearchValues<char> IdChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    /// <summary>The console URL of one event, or null when the region or ID is missing or not of the expected form.</summary>
    public static string? EventUrl(string? region, string? eventId)
    {
        if (string.IsNullOrEmpty(region) || region.Length > 32 || region.AsSpan().ContainsAnyExcept(RegionChars)
            || string.IsNullOrEmpty(eventId) || eventId.Length > 64 || eventId.AsSpan().ContainsAnyExcept(IdChars))
        {
            return null;
        }

        var console = region.StartsWith("us-gov-", StringComparison.Ordinal) ? "https://console.amazonaws-us-gov.com"
            : region.StartsWith("cn-", StringComparison.Ordinal) ? "https://console.amazonaws.cn"
            : $"https://{region}.console.aws.amazon.com";
        return $"{console}/cloudtrailv2/home?region={region}#/events/{eventId}";
    }
}
