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
