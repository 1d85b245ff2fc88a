using System.Text.Json;
using SigninToSlack.Configuration;

namespace SigninToSlack.Respond;

/// <summary>
/// One button press, from the <c>payload</c> field of Slack's interactivity request (type <c>block_actions</c>): who
/// pressed (a member ID), which button, its value (the token), where the answer goes (<c>response_url</c>, held to
/// Slack's hosts like a webhook) and the message the button was on, as Slack sends it back.
/// </summary>
internal sealed record SlackInteraction(string UserId, string ActionId, string Value, Uri? ResponseUrl, string? MessageText, JsonElement? Attachments)
{
    public const string WasMe = "signin_was_me";
    public const string WasntMe = "signin_wasnt_me";
    public const string Undo = "signin_undo";

    /// <summary>The actions block this product puts its buttons in; an answered message loses it.</summary>
    public const string ButtonsBlock = "signin_respond";

    /// <summary>Null, with why, when the payload is not a press of one of this product's buttons.</summary>
    public static SlackInteraction? Parse(string payload, SlackHosts hosts, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(hosts);
        problem = null;
        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "type") != "block_actions")
            {
                problem = "not a button press (block_actions)";
                return null;
            }

            var user = root.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object ? Text(u, "id") : null;
            if (user is null || !SlackMemberId.IsValid(user))
            {
                problem = "no member ID of the one who pressed";
                return null;
            }

            if (!root.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() != 1
                || actions[0].ValueKind != JsonValueKind.Object)
            {
                problem = "not one action";
                return null;
            }

            var action = Text(actions[0], "action_id");
            var value = Text(actions[0], "value");
            if (action is not (WasMe or WasntMe or Undo) || value is null)
            {
                problem = "not one of this product's buttons";
                return null;
            }

            Uri? responseUrl = null;
            if (Text(root, "response_url") is { } url && hosts.Webhook(url, out responseUrl) is not null)
            {
                problem = "its response_url is not on Slack's hosts";
                return null;
            }

            string? text = null;
            JsonElement? attachments = null;
            if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
            {
                text = Text(message, "text");
                if (message.TryGetProperty("attachments", out var found) && found.ValueKind == JsonValueKind.Array)
                {
                    attachments = found.Clone();
                }
            }

            return new SlackInteraction(user, action, value, responseUrl, text, attachments);
        }
        catch (JsonException)
        {
            problem = "the payload is not JSON";
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
