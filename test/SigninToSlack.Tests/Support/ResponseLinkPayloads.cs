using System.Text;
using System.Text.Json;
using SigninToSlack.Tokens;

namespace SigninToSlack.Tests.Support;

/// <summary>The "That wasn't me" parts of a posted payload, and their tokens checked as the Respond function checks them.</summary>
internal static class ResponseLinkPayloads
{
    public const string RespondUrl = "https://abc123.lambda-url.eu-west-1.on.aws/";

    /// <summary>A link key of the accepted length; not a real one.</summary>
    public const string LinkKey = "test-link-key-0123456789abcdefghijklmnop";

    /// <summary>Every rich-text link's URL and every button's value, in order.</summary>
    public static (List<string> Links, List<string> Buttons) Read(string payload)
    {
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;

        // A chat.postMessage body is the webhook payload with a channel: the same blocks.
        var blocks = root.GetProperty("attachments")[0].GetProperty("blocks").EnumerateArray().ToList();
        var links = blocks.Where(b => b.GetProperty("type").GetString() == "rich_text")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .SelectMany(s => s.GetProperty("elements").EnumerateArray())
            .Where(e => e.GetProperty("type").GetString() == "link")
            .Select(e => e.GetProperty("url").GetString()!)
            .ToList();
        var buttons = blocks.Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Select(e => e.GetProperty("value").GetString()!)
            .ToList();
        return (links, buttons);
    }

    /// <summary>The token of a page link, which must be the Respond URL with ?t=.</summary>
    public static string TokenOf(string link)
    {
        Assert.StartsWith(RespondUrl + "?t=", link, StringComparison.Ordinal);
        return link[(RespondUrl.Length + 3)..];
    }

    /// <summary>Checks <paramref name="token"/> with the test key as the Respond function would; fails the test unless it holds.</summary>
    public static ResponseToken Verify(string token, string account, DateTimeOffset now, string key = LinkKey)
    {
        var problem = TokenCodec.Verify(token, Encoding.UTF8.GetBytes(key), TokenPurpose.Contain, account, now, out var read);
        Assert.Equal(TokenProblem.None, problem);
        return read!;
    }
}
