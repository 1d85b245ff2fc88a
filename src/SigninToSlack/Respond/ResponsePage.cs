using System.Net;
using System.Text;

namespace SigninToSlack.Respond;

/// <summary>
/// The HTML pages of the Respond function: plain HTML, no script, every value HTML-encoded, headers that keep the
/// page out of caches, frames and referrers.
/// </summary>
internal static class ResponsePage
{
    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["content-type"] = "text/html; charset=utf-8",
        ["cache-control"] = "no-store",
        ["x-frame-options"] = "DENY",
        ["content-security-policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ["referrer-policy"] = "no-referrer",
        ["x-content-type-options"] = "nosniff",
    };

    /// <param name="paragraphs">Plain text, encoded here.</param>
    /// <param name="form">A button that POSTs the token back: its label, the action and the token (all encoded here).</param>
    public static string Render(string title, IEnumerable<string> paragraphs, (string Button, string Action, string Token)? form = null)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width\"><title>").Append(Encode(title)).Append("</title>")
            .Append("<style>body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}button{font-size:1.1em;padding:.5em 1em}</style>")
            .Append("</head><body><h1>").Append(Encode(title)).Append("</h1>");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(Encode(paragraph)).Append("</p>");
        }

        if (form is var (button, action, token))
        {
            html.Append("<form method=\"post\">")
                .Append("<input type=\"hidden\" name=\"action\" value=\"").Append(Encode(action)).Append("\">")
                .Append("<input type=\"hidden\" name=\"token\" value=\"").Append(Encode(token)).Append("\">")
                .Append("<button type=\"submit\">").Append(Encode(button)).Append("</button></form>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
