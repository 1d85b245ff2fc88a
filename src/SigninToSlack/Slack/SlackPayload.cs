using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using SigninToSlack.Serialization;

namespace SigninToSlack.Slack;

/// <summary>Serializes a message to the exact UTF-8 bytes that are POSTed.</summary>
internal static class SlackPayload
{
    // Mrkdwn entities are already in the text; the relaxed encoder keeps them readable instead of \u0026-escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize(SlackMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, message, AppJsonSerializerContext.Default.SlackMessage);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
