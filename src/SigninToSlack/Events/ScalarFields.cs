using System.Text;
using System.Text.Json;

namespace SigninToSlack.Events;

/// <summary>
/// The scalar values of a JSON object, flattened to dotted names (<c>a.b</c>), for alerts that show fields this product
/// does not model: an API call's request parameters, a sign-in service event's detail. Arrays of scalars become one
/// comma-separated value, objects in arrays are numbered (<c>a[0].b</c>); nulls and empty values are left out. Names and values are the event's text.
/// </summary>
internal static class ScalarFields
{
    /// <summary>How deep nested objects are followed.</summary>
    private const int MaxDepth = 3;

    /// <summary>The most characters of one joined array value; the formatter cuts values again to its own limit.</summary>
    private const int MaxJoined = 400;

    /// <summary>Reads the object that starts at <paramref name="objectStart"/>; at most <paramref name="max"/> fields are kept.</summary>
    /// <param name="skip">Top-level names (compared without case) that are left out: fields an alert already shows.</param>
    /// <param name="omitted">How many further fields there were past <paramref name="max"/>.</param>
    public static List<KeyValuePair<string, string>> Read(ReadOnlySpan<byte> json, int objectStart, int max, Func<string, bool>? skip, out int omitted)
    {
        var fields = new List<KeyValuePair<string, string>>();
        omitted = 0;
        if (objectStart < 0)
        {
            return fields;
        }

        var reader = new Utf8JsonReader(json[objectStart..], JsonValues.ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return fields;
        }

        ReadObject(ref reader, prefix: null, depth: 1, max, skip, fields, ref omitted);
        return fields;
    }

    private static void ReadObject(
        ref Utf8JsonReader reader, string? prefix, int depth, int max, Func<string, bool>? skip, List<KeyValuePair<string, string>> fields, ref int omitted)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonValues.Unescaped(ref reader);
            reader.Read();
            if (prefix is null && skip is not null && skip(name))
            {
                reader.Skip();
                continue;
            }

            var path = prefix is null ? name : prefix + "." + name;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject when depth < MaxDepth:
                    ReadObject(ref reader, path, depth + 1, max, skip, fields, ref omitted);
                    break;
                case JsonTokenType.StartArray:
                    ReadArray(ref reader, path, depth, max, fields, ref omitted);
                    break;
                case JsonTokenType.Null:
                    break;
                default:
                    Add(fields, path, JsonValues.Text(ref reader), max, ref omitted);
                    break;
            }
        }
    }

    private static void Add(List<KeyValuePair<string, string>> fields, string name, string? value, int max, ref int omitted)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (fields.Count < max)
        {
            fields.Add(KeyValuePair.Create(name, value));
        }
        else
        {
            omitted++;
        }
    }

    /// <summary>
    /// The array's scalars as one value "a, b, c", and its objects each under <c>name[i]</c> (so a selector's
    /// <c>includeManagementEvents</c> is shown); the reader ends on the array's end.
    /// </summary>
    private static void ReadArray(
        ref Utf8JsonReader reader, string path, int depth, int max, List<KeyValuePair<string, string>> fields, ref int omitted)
    {
        StringBuilder? joined = null;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject && depth < MaxDepth)
            {
                ReadObject(ref reader, $"{path}[{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]", depth + 1, max, null, fields, ref omitted);
            }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
            else if (JsonValues.Text(ref reader) is { Length: > 0 } item && (joined is null || joined.Length < MaxJoined))
            {
                joined = joined is null ? new StringBuilder(item) : joined.Append(", ").Append(item);
            }

            index++;
        }

        Add(fields, path, joined?.ToString(), max, ref omitted);
    }
}
