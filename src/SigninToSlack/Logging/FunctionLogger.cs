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
            // One record, one line: CloudWatch splits on newlines.
            line = $"{timestamp}\t{RequestId ?? "-"}\t{levelName}\t{message.ReplaceLineEndings(" ")}";
        }

        output.WriteLine(line);
    }
}
