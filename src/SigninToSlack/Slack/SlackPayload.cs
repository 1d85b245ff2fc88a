using System.Buffers;
using SigninToSlack.Alerts;

namespace SigninToSlack.Slack;

/// <summary>Writes an alert's Slack message as the exact UTF-8 bytes that are POSTed.</summary>
internal static class SlackPayload
{
    /// <summary>Appends the payload to <paramref name="output"/>; returns its length in bytes.</summary>
    public static int Write(SigninAlert alert, IBufferWriter<byte> output) => SlackFormatter.Write(alert, output);

    public static byte[] Serialize(SigninAlert alert)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        Write(alert, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
