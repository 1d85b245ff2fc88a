using System.Text.Json;

namespace SigninToSlack.Tests.Support;

/// <summary>Checks a payload against the shape and published limits of an incoming-webhook message with Block Kit.</summary>
internal static class BlockKit
{
    public static void AssertValid(string payload)
    {
        // Slack answers msg_too_long past 40,000 characters of payload.
        Assert.InRange(payload.Length, 2, 40_000);
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        var text = root.GetProperty("text").GetString();
        Assert.False(string.IsNullOrWhiteSpace(text), "top-level text is empty");
        Assert.True(text!.Length <= 40_000);
        var attachment = Assert.Single(root.GetProperty("attachments").EnumerateArray().ToList());
        Assert.Matches("^#[0-9A-F]{6}$", attachment.GetProperty("color").GetString());
        var blocks = attachment.GetProperty("blocks").EnumerateArray().ToList();
        Assert.InRange(blocks.Count, 1, 50);
        foreach (var block in blocks)
        {
            switch (block.GetProperty("type").GetString())
            {
                case "header":
                    AssertText(block.GetProperty("text"), "plain_text", 150);
                    break;
                case "section":
                    var hasText = block.TryGetProperty("text", out var sectionText);
                    var hasFields = block.TryGetProperty("fields", out var fields);
                    Assert.True(hasText || hasFields, "section without text or fields");
                    if (hasText)
                    {
                        AssertText(sectionText, null, 3000);
                    }

                    if (hasFields)
                    {
                        Assert.InRange(fields.GetArrayLength(), 1, 10);
                        foreach (var field in fields.EnumerateArray())
                        {
                            AssertText(field, null, 2000);
                        }
                    }

                    break;
                case "context":
                    var elements = block.GetProperty("elements");
                    Assert.InRange(elements.GetArrayLength(), 1, 10);
                    foreach (var element in elements.EnumerateArray())
                    {
                        AssertText(element, null, 3000);
                    }

                    break;
                case "rich_text":
                    AssertRichText(block);
                    break;
                case "actions":
                    AssertActions(block);
                    break;
                case "divider":
                    break;
                default:
                    Assert.Fail("unexpected block type " + block.GetProperty("type").GetString());
                    break;
            }
        }
    }

    /// <summary>A rich_text block as this product writes it: sections of text (bold at most), user mentions and dates.</summary>
    private static void AssertRichText(JsonElement block)
    {
        var sections = block.GetProperty("elements");
        Assert.InRange(sections.GetArrayLength(), 1, 50);
        foreach (var section in sections.EnumerateArray())
        {
            Assert.Equal("rich_text_section", section.GetProperty("type").GetString());
            var elements = section.GetProperty("elements");
            Assert.True(elements.GetArrayLength() >= 1, "empty rich_text_section");
            foreach (var element in elements.EnumerateArray())
            {
                switch (element.GetProperty("type").GetString())
                {
                    case "text":
                        Assert.InRange(element.GetProperty("text").GetString()!.Length, 1, 3000);
                        if (element.TryGetProperty("style", out var style))
                        {
                            var property = Assert.Single(style.EnumerateObject().ToList());
                            Assert.Equal("bold", property.Name);
                            Assert.Equal(JsonValueKind.True, property.Value.ValueKind);
                        }

                        break;
                    case "user":
                        Assert.Matches("^[UW][A-Z0-9]{2,19}$", element.GetProperty("user_id").GetString());
                        break;
                    case "link":
                        AssertUrl(element.GetProperty("url").GetString());
                        if (element.TryGetProperty("text", out var label))
                        {
                            Assert.InRange(label.GetString()!.Length, 1, 3000);
                        }

                        break;
                    case "date":
                        Assert.Equal(JsonValueKind.Number, element.GetProperty("timestamp").ValueKind);
                        Assert.False(string.IsNullOrEmpty(element.GetProperty("format").GetString()));
                        Assert.False(string.IsNullOrEmpty(element.GetProperty("fallback").GetString()));
                        break;
                    default:
                        Assert.Fail("unexpected rich text element " + element.GetProperty("type").GetString());
                        break;
                }
            }
        }
    }

    /// <summary>An actions block of buttons: Block Kit's limits on the block, each button and its confirmation dialog.</summary>
    private static void AssertActions(JsonElement block)
    {
        if (block.TryGetProperty("block_id", out var blockId))
        {
            Assert.InRange(blockId.GetString()!.Length, 1, 255);
        }

        var elements = block.GetProperty("elements");
        Assert.InRange(elements.GetArrayLength(), 1, 25);
        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var button in elements.EnumerateArray())
        {
            Assert.Equal("button", button.GetProperty("type").GetString());
            AssertText(button.GetProperty("text"), "plain_text", 75);
            var actionId = button.GetProperty("action_id").GetString()!;
            Assert.InRange(actionId.Length, 1, 255);
            Assert.True(actionIds.Add(actionId), "two buttons of one block share action_id " + actionId);
            if (button.TryGetProperty("value", out var value))
            {
                Assert.InRange(value.GetString()!.Length, 1, 2000);
            }

            if (button.TryGetProperty("url", out var url))
            {
                AssertUrl(url.GetString());
            }

            if (button.TryGetProperty("style", out var style))
            {
                Assert.Contains(style.GetString(), new[] { "primary", "danger" });
            }

            if (button.TryGetProperty("confirm", out var confirm))
            {
                AssertText(confirm.GetProperty("title"), "plain_text", 100);
                AssertText(confirm.GetProperty("text"), null, 300);
                AssertText(confirm.GetProperty("confirm"), "plain_text", 30);
                AssertText(confirm.GetProperty("deny"), "plain_text", 30);
                if (confirm.TryGetProperty("style", out var confirmStyle))
                {
                    Assert.Contains(confirmStyle.GetString(), new[] { "primary", "danger" });
                }
            }

            var known = new[] { "type", "text", "action_id", "value", "url", "style", "confirm", "accessibility_label" };
            Assert.All(button.EnumerateObject(), p => Assert.Contains(p.Name, known));
        }
    }

    private static void AssertUrl(string? url)
    {
        Assert.NotNull(url);
        Assert.InRange(url.Length, 1, 3000);
        Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http", "not an absolute http(s) URL: " + url);
    }

    private static void AssertText(JsonElement text, string? type, int max)
    {
        var kind = text.GetProperty("type").GetString();
        Assert.Contains(kind, new[] { "plain_text", "mrkdwn" });
        if (type is not null)
        {
            Assert.Equal(type, kind);
        }

        Assert.InRange(text.GetProperty("text").GetString()!.Length, 1, max);
    }
}
