using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SigninToSlack.Serialization;

namespace SigninToSlack.Events;

/// <summary>Reads the input documents into event models, turning JSON errors into one-line <see cref="EventFormatException"/>s.</summary>
internal static class EventReader
{
    public static EventBridgeEvent ReadEventBridge(ReadOnlySpan<byte> json) =>
        Read(json, AppJsonSerializerContext.Default.EventBridgeEvent, "EventBridge event");

    public static SnsEnvelope ReadSns(ReadOnlySpan<byte> json) =>
        Read(json, AppJsonSerializerContext.Default.SnsEnvelope, "SNS notification");

    public static CloudTrailRecord ReadCloudTrailRecord(ReadOnlySpan<byte> json) =>
        Read(json, AppJsonSerializerContext.Default.CloudTrailRecord, "CloudTrail record");

    /// <summary>The reader's position without the message text, which may quote the input.</summary>
    public static string Describe(JsonException ex) =>
        ex.LineNumber is { } line
            ? $"malformed at line {line + 1}, byte {ex.BytePositionInLine + 1}"
            : "malformed";

    private static T Read<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> typeInfo, string what)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, typeInfo)
                ?? throw new EventFormatException($"{what} is null");
        }
        catch (JsonException ex)
        {
            throw new EventFormatException($"{what} is not valid JSON of the expected shape: {Describe(ex)} ({ex.Path ?? "$"})", ex);
        }
    }
}
