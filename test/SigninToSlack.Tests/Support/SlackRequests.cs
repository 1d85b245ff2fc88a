using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SigninToSlack.Respond;

namespace SigninToSlack.Tests.Support;

/// <summary>Slack's interactivity requests as a function URL hands them to the Respond function (payload format 2.0).</summary>
internal static class SlackRequests
{
    /// <summary>The form body of one button press: <c>payload=</c> and the JSON, URL-encoded.</summary>
    public static string Press(string user, string action, string token, Uri? responseUrl = null, JsonObject? message = null)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["username"] = "someone" },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = action, ["block_id"] = SlackInteraction.ButtonsBlock, ["value"] = token, ["type"] = "button" }),
        };
        if (responseUrl is not null)
        {
            payload["response_url"] = responseUrl.AbsoluteUri;
        }

        if (message is not null)
        {
            payload["message"] = message;
        }

        return "payload=" + Uri.EscapeDataString(payload.ToJsonString());
    }

    /// <summary>The function URL request carrying <paramref name="body"/>, signed with <paramref name="signingSecret"/> unless a signature is given.</summary>
    public static byte[] FunctionUrl(string body, string signingSecret, DateTimeOffset now, string? signature = null, string? timestamp = null, bool base64 = true)
    {
        var ts = timestamp ?? now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var raw = Encoding.UTF8.GetBytes(body);
        return Encoding.UTF8.GetBytes(new JsonObject
        {
            ["version"] = "2.0",
            ["rawPath"] = "/",
            ["rawQueryString"] = string.Empty,
            ["headers"] = new JsonObject
            {
                ["content-type"] = "application/x-www-form-urlencoded",
                ["x-slack-request-timestamp"] = ts,
                ["x-slack-signature"] = signature ?? SlackSignature.Compute(Encoding.UTF8.GetBytes(signingSecret), ts, raw),
            },
            ["requestContext"] = new JsonObject { ["domainName"] = "abc123.lambda-url.eu-west-1.on.aws", ["http"] = new JsonObject { ["method"] = "POST" } },
            ["body"] = base64 ? Convert.ToBase64String(raw) : body,
            ["isBase64Encoded"] = base64,
        }.ToJsonString());
    }
}
