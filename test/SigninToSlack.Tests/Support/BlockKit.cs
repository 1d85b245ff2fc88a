using System.Text.Json;

namespace SigninToSlack.Tests.Support;

/// <summary>Checks a payload against the shape and published limits of an incoming-webhook message with Block Kit.</summary>
internal static class BlockKit
{
    public static void AssertValid(string payload)
    {
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
                case "divider":
                    break;
                default:
                    Assert.Fail("unexpected block type " + block.GetProperty("type").GetString());
                    break;
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
