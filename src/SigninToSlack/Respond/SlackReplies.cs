using System.Buffers;
using System.Globalization;
using System.Text.Json;
using SigninToSlack.Containment;
using ContainmentService = SigninToSlack.Containment.Containment;

namespace SigninToSlack.Respond;

/// <summary>
/// What the Respond function posts to Slack: an ephemeral answer to the one who pressed, the alert updated with who
/// answered what (its buttons taken off), and the admins' message. Only this product's words are mrkdwn or plain text;
/// anything that came from an event (an ARN, a name, a summary naming them) is a rich_text text element, which Slack
/// shows as it is.
/// </summary>
internal static class SlackReplies
{
    public static byte[] Ephemeral(string text) => Write(json =>
    {
        json.WriteString("response_type", "ephemeral");
        json.WriteBoolean("replace_original", false);
        json.WriteString("text", text);
    });

    /// <summary>
    /// The message the button was on, as Slack sent it back, without its buttons and with a line saying who answered
    /// what; a new message with that line when the original is not known.
    /// </summary>
    /// <param name="keepButtons">Keep the buttons: after "that was me", so that "That wasn't me" can still be pressed
    /// (whoever holds the session could have pressed "that was me").</param>
    public static byte[] Answered(SlackInteraction interaction, string status, bool keepButtons = false)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return Write(json =>
        {
            if (interaction.Attachments is not { } attachments || attachments.GetArrayLength() == 0)
            {
                json.WriteBoolean("replace_original", false);
                json.WriteString("response_type", "in_channel");
                json.WriteString("text", "Answered");
                json.WriteStartArray("blocks");
                StatusBlock(json, interaction.UserId, status);
                json.WriteEndArray();
                return;
            }

            json.WriteBoolean("replace_original", true);
            json.WriteString("text", interaction.MessageText ?? "Answered");
            json.WriteStartArray("attachments");
            var count = attachments.GetArrayLength();
            for (var i = 0; i < count; i++)
            {
                var attachment = attachments[i];
                json.WriteStartObject();
                if (attachment.ValueKind == JsonValueKind.Object && attachment.TryGetProperty("color", out var color) && color.ValueKind == JsonValueKind.String)
                {
                    json.WriteString("color", color.GetString());
                }

                json.WriteStartArray("blocks");
                if (attachment.ValueKind == JsonValueKind.Object && attachment.TryGetProperty("blocks", out var blocks) && blocks.ValueKind == JsonValueKind.Array)
                {
                    foreach (var block in blocks.EnumerateArray())
                    {
                        if (block.ValueKind == JsonValueKind.Object && (keepButtons || !(block.TryGetProperty("block_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == SlackInteraction.ButtonsBlock)))
                        {
                            block.WriteTo(json);
                        }
                    }
                }

                if (i == count - 1)
                {
                    StatusBlock(json, interaction.UserId, status);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    /// <summary>What the admins are told when a sign-in is reported as not the reporter's.</summary>
    /// <param name="reporter">The member who pressed the button; null for the page, whose holder is not known.</param>
    /// <param name="undoUrl">The page that undoes the containment (its own signed token); null when there is nothing to undo.</param>
    /// <param name="undoToken">The same token for an Undo button, with a Slack app; null: the link only.</param>
    /// <param name="undoing">The failure was an undo's: the principal is still contained.</param>
    public static byte[] AdminNotice(
        string? reporter, string principalArn, string eventId, ContainmentResult? result, string? failure, Uri? undoUrl, string? undoToken, bool undoing = false)
    {
        ArgumentNullException.ThrowIfNull(principalArn);
        ArgumentNullException.ThrowIfNull(eventId);
        var (headline, color) = (result?.Outcome, failure) switch
        {
            (_, not null) when undoing => ("Undo FAILED: the principal is still contained", "#d40e0d"),
            (_, not null) => ("Sign-in reported as not theirs: containment FAILED, act now", "#d40e0d"),
            (ContainmentOutcome.Done, _) => ("Sign-in reported as not theirs: contained", "#d40e0d"),
            (ContainmentOutcome.NeedsAction, _) => ("Sign-in reported as not theirs: an admin must act", "#d40e0d"),
            _ => ("Sign-in reported as not theirs: not contained automatically, an admin must act", "#d40e0d"),
        };
        return Notice(headline, color, header: true, json =>
        {
            json.WriteStartObject();
            json.WriteString("type", "rich_text");
            json.WriteStartArray("elements");
            Section(json, () =>
            {
                if (undoing)
                {
                    Reporter(json, reporter, " tried to undo the containment of ", "Someone with the admins' undo link tried to undo the containment of ");
                    TextElement(json, principalArn, bold: true);
                    TextElement(json, ".");
                    return;
                }

                Reporter(json, reporter, " reported the sign-in as ", "Someone with the alert's link reported the sign-in as ");
                TextElement(json, principalArn, bold: true);
                TextElement(json, " (event ");
                TextElement(json, eventId);
                TextElement(json, ") as not theirs.");
            });
            Section(json, () =>
            {
                if (failure is not null)
                {
                    TextElement(json, "Nothing was changed: ", bold: true);
                    TextElement(json, failure);
                    TextElement(json, undoing ? ". Undo it by hand." : ". Contain it by hand.");
                }
                else if (result is not null)
                {
                    TextElement(json, result.Outcome == ContainmentOutcome.Done ? "Done: " : "Not changed: ", bold: true);
                    TextElement(json, result.Summary);
                    if (result.Problem is { } problem)
                    {
                        TextElement(json, ". Not everything was done: ");
                        TextElement(json, problem);
                    }
                }
            });
            if (result?.Target.Kind == TargetKind.IdentityCenter)
            {
                Section(json, () =>
                {
                    TextElement(json, "IAM Identity Center: ");
                    Link(json, ContainmentService.IdentityCenterGuide, "disable the user and end their sessions");
                });
            }

            if (undoUrl is not null)
            {
                Section(json, () =>
                {
                    TextElement(json, "To let them back in: ");
                    Link(json, undoUrl.AbsoluteUri, "undo this containment");
                    TextElement(json, " (anyone with this link can)");
                });
            }

            json.WriteEndArray();
            json.WriteEndObject();

            if (undoToken is not null)
            {
                json.WriteStartObject();
                json.WriteString("type", "actions");
                json.WriteString("block_id", SlackInteraction.ButtonsBlock);
                json.WriteStartArray("elements");
                json.WriteStartObject();
                json.WriteString("type", "button");
                json.WriteString("action_id", SlackInteraction.Undo);
                json.WriteStartObject("text");
                json.WriteString("type", "plain_text");
                json.WriteString("text", "Undo the containment");
                json.WriteEndObject();
                json.WriteString("value", undoToken);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
        });
    }

    /// <summary>What the admins are told when a containment is undone.</summary>
    public static byte[] UndoNotice(string? reporter, string principalArn, ContainmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        const string Headline = "Containment undone";
        return Notice(Headline, "#439fe0", header: false, json =>
        {
            json.WriteStartObject();
            json.WriteString("type", "rich_text");
            json.WriteStartArray("elements");
            Section(json, () =>
            {
                Reporter(json, reporter, " undid the containment of ", "Someone with the admins' undo link undid the containment of ");

                TextElement(json, principalArn, bold: true);
                TextElement(json, ": ");
                TextElement(json, result.Summary);
                if (result.Problem is { } problem)
                {
                    TextElement(json, ". Not everything was done: ");
                    TextElement(json, problem);
                }
            });
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    public static string Clock(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A message of this product's headline (plain text, no mrkdwn) and one attachment of the colour, holding the blocks.</summary>
    private static byte[] Notice(string headline, string color, bool header, Action<Utf8JsonWriter> blocks) => Write(json =>
    {
        json.WriteString("text", headline);
        json.WriteStartArray("attachments");
        json.WriteStartObject();
        json.WriteString("color", color);
        json.WriteStartArray("blocks");
        if (header)
        {
            json.WriteStartObject();
            json.WriteString("type", "header");
            json.WriteStartObject("text");
            json.WriteString("type", "plain_text");
            json.WriteString("text", headline);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        blocks(json);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    });

    /// <summary>The member who acted, mentioned, then <paramref name="known"/>; or <paramref name="unknown"/> when the page was used.</summary>
    private static void Reporter(Utf8JsonWriter json, string? reporter, string known, string unknown)
    {
        if (reporter is null)
        {
            TextElement(json, unknown);
            return;
        }

        User(json, reporter);
        TextElement(json, known);
    }

    private static void StatusBlock(Utf8JsonWriter json, string userId, string status)
    {
        json.WriteStartObject();
        json.WriteString("type", "rich_text");
        json.WriteStartArray("elements");
        Section(json, () =>
        {
            User(json, userId);
            TextElement(json, ": " + status);
        });
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Section(Utf8JsonWriter json, Action elements)
    {
        json.WriteStartObject();
        json.WriteString("type", "rich_text_section");
        json.WriteStartArray("elements");
        elements();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void User(Utf8JsonWriter json, string memberId)
    {
        json.WriteStartObject();
        json.WriteString("type", "user");
        json.WriteString("user_id", memberId);
        json.WriteEndObject();
    }

    private static void TextElement(Utf8JsonWriter json, string text, bool bold = false)
    {
        json.WriteStartObject();
        json.WriteString("type", "text");
        json.WriteString("text", text.Length > 2000 ? text[..2000] : text);
        if (bold)
        {
            json.WriteStartObject("style");
            json.WriteBoolean("bold", true);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void Link(Utf8JsonWriter json, string url, string text)
    {
        json.WriteStartObject();
        json.WriteString("type", "link");
        json.WriteString("url", url);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
