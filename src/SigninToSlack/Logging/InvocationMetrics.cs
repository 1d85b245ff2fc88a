using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SigninToSlack.Logging;

/// <summary>
/// What one invocation did, counted by severity, and written as CloudWatch Embedded Metric Format: namespace
/// SigninToSlack, each metric both in total (no dimension) and per Severity (Info, High, Critical; None for an event
/// without an alert, e.g. one skipped or unreadable). EMF takes one value per dimension in a record, so an invocation
/// whose events have several severities writes one record per severity; the totals add up across them.
/// </summary>
internal sealed class InvocationMetrics
{
    public const string Namespace = "SigninToSlack";
    public const string NoSeverity = "None";

    /// <summary>The metric names, in the order each record lists them.</summary>
    public static readonly IReadOnlyList<string> Names = ["AlertsPosted", "AlertsSkipped", "AlertsFailed", "DuplicatesAvoided", "BurstsFolded"];

    private readonly SortedDictionary<string, int[]> _bySeverity = new(StringComparer.Ordinal);

    public void Posted(Severity? severity) => Add(severity, 0);

    public void Skipped(Severity? severity) => Add(severity, 1);

    public void Failed(Severity? severity) => Add(severity, 2);

    /// <summary>Posts not made again (per channel or DM) because an earlier invocation made them.</summary>
    public void DuplicatesAvoided(Severity? severity, int count) => Add(severity, 3, count);

    /// <summary>Bursts of events posted as one summary alert instead of one alert each.</summary>
    public void BurstFolded(Severity? severity) => Add(severity, 4);

    /// <summary>
    /// The EMF records, one JSON line per severity seen; one all-zero record (severity None) when nothing was counted.
    /// Each names the invocation's request id, when known, so that a record can be matched with its log lines.
    /// </summary>
    public IEnumerable<string> Records(DateTimeOffset timestamp, string? requestId = null)
    {
        if (_bySeverity.Count == 0)
        {
            yield return Record(timestamp, requestId, NoSeverity, new int[Names.Count]);
            yield break;
        }

        foreach (var (severity, counts) in _bySeverity)
        {
            yield return Record(timestamp, requestId, severity, counts);
        }
    }

    private void Add(Severity? severity, int metric, int count = 1)
    {
        var name = severity?.ToString() ?? NoSeverity;
        if (!_bySeverity.TryGetValue(name, out var counts))
        {
            _bySeverity[name] = counts = new int[Names.Count];
        }

        counts[metric] += count;
    }

    private static string Record(DateTimeOffset timestamp, string? requestId, string severity, int[] counts)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("_aws"u8);
            writer.WriteNumber("Timestamp"u8, timestamp.ToUnixTimeMilliseconds());
            writer.WriteStartArray("CloudWatchMetrics"u8);
            writer.WriteStartObject();
            writer.WriteString("Namespace"u8, Namespace);
            writer.WriteStartArray("Dimensions"u8);
            writer.WriteStartArray();
            writer.WriteEndArray();
            writer.WriteStartArray();
            writer.WriteStringValue("Severity"u8);
            writer.WriteEndArray();
            writer.WriteEndArray();
            writer.WriteStartArray("Metrics"u8);
            foreach (var name in Names)
            {
                writer.WriteStartObject();
                writer.WriteString("Name"u8, name);
                writer.WriteString("Unit"u8, "Count"u8);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteString("Severity"u8, severity);
            if (requestId is not null)
            {
                writer.WriteString("requestId"u8, requestId);
            }

            for (var i = 0; i < Names.Count; i++)
            {
                writer.WriteNumber(Names[i], counts[i]);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
