using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using SigninToSlack.Alerts;

namespace SigninToSlack.Slack;

/// <summary>Writes an alert's Slack message as the exact UTF-8 bytes that are POSTed.</summary>
internal static class SlackPayload
{
    // Mrkdwn entities are already in the text; the relaxed encoder keeps them readable instead of \u0026-escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JsonText.Encoder };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Appends the payload to <paramref name="output"/>; returns its length in bytes.</summary>
    public static int Write(SigninAlert alert, IBufferWriter<byte> output)
    {
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(output, WriterOptions);
        }
        else
        {
            writer.Reset(output);
        }

        try
        {
            SlackFormatter.Write(alert, writer);
            writer.Flush();
            return (int)writer.BytesCommitted;
        }
        finally
        {
            // Hold no reference to the caller's buffer between calls.
            writer.Reset(Stream.Null);
        }
    }

    public static byte[] Serialize(SigninAlert alert)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        Write(alert, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
