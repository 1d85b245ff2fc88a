using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
using SigninToSlack.Configuration;

namespace SigninToSlack.Logging;

/// <summary>
/// Writes one line per record to standard output, with the request id, as Lambda's executable mode leaves
/// prefixing to the program: tab-separated text, or a JSON object when AWS_LAMBDA_LOG_FORMAT=JSON.
/// </summary>
internal sealed class FunctionLogger(TextWriter output, LogFormat format, LogLevel minimum, TimeProvider timeProvider)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The invocation being handled; null between invocations and at start-up.</summary>
    public string? RequestId { get; set; }

    public void Info(string message) => Write(LogLevel.Info, message);

    public void Warn(string message) => Write(LogLevel.Warn, message);

    public void Error(string message) => Write(LogLevel.Error, message);

    /// <summary>
    /// The invocation's metrics, as Embedded Metric Format lines: JSON whatever the log format (CloudWatch reads EMF
    /// from any JSON line), and whatever the log level, since alarms depend on them.
    /// </summary>
    public void Metrics(InvocationMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        foreach (var record in metrics.Records(timeProvider.GetUtcNow(), RequestId))
        {
            output.WriteLine(record);
        }
    }

    public void Write(LogLevel level, string message)
    {
        if (level < minimum)
        {
            return;
        }

        var timestamp = timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var levelName = level.ToString().ToUpperInvariant();
        string line;
        if (format == LogFormat.Json)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("timestamp"u8, timestamp);
                writer.WriteString("level"u8, levelName);
                if (RequestId is not null)
                {
                    writer.WriteString("requestId"u8, RequestId);
                }

                writer.WriteString("message"u8, message);
                writer.WriteEndObject();
            }

            line = Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        else
        {
            line = $"{timestamp}\t{RequestId ?? "-"}\t{levelName}\t{OneLine(message)}";
        }

        output.WriteLine(line);
    }

    /// <summary>
    /// A text record's message as one line that cannot pass for another record or another field: CloudWatch splits on
    /// line breaks (they become a space), the fields are tab-separated, and a terminal obeys escape sequences, so every
    /// other control character, and the format characters that reorder or hide text (bidirectional overrides,
    /// zero-width characters), is written as a visible <c>\uXXXX</c>. Messages quote event values, which strangers write.
    /// </summary>
    internal static string OneLine(string message)
    {
        var clean = true;
        foreach (var c in message)
        {
            if (NeedsEscape(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return message;
        }

        var builder = new StringBuilder(message.Length + 16);
        for (var i = 0; i < message.Length; i++)
        {
            var c = message[i];
            if (c is '\r' && i + 1 < message.Length && message[i + 1] is '\n')
            {
                continue;
            }

            if (c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' or '\f')
            {
                builder.Append(' ');
            }
            else if (NeedsEscape(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
