using System.Xml;

namespace SigninToSlack.Iam;

/// <summary>
/// Reads IAM's XML answers with <see cref="XmlReader"/> (no serializer, no reflection: safe for trimming and Native
/// AOT), refusing DTDs so that an answer cannot expand entities or reach elsewhere.
/// </summary>
internal static class IamXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        MaxCharactersInDocument = 1 << 20,
    };

    /// <summary>The text of the first element named <paramref name="name"/>; null when there is none.</summary>
    /// <exception cref="XmlException">The answer is not well-formed XML.</exception>
    public static string? First(byte[] body, string name)
    {
        using var reader = Open(body);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == name)
            {
                return reader.IsEmptyElement ? string.Empty : reader.ReadElementContentAsString();
            }
        }

        return null;
    }

    /// <summary>
    /// Every element named <paramref name="record"/> that lies inside one named <paramref name="within"/>, each as its
    /// child elements' texts (children that hold elements themselves are skipped).
    /// </summary>
    /// <exception cref="XmlException">The answer is not well-formed XML.</exception>
    public static List<Dictionary<string, string>> Records(byte[] body, string within, string record)
    {
        var records = new List<Dictionary<string, string>>();
        using var reader = Open(body);
        var insideDepth = -1;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == insideDepth)
            {
                insideDepth = -1;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (insideDepth < 0 && reader.LocalName == within && !reader.IsEmptyElement)
            {
                insideDepth = reader.Depth;
            }
            else if (insideDepth >= 0 && reader.LocalName == record && !reader.IsEmptyElement)
            {
                records.Add(Children(reader));
            }
        }

        return records;
    }

    /// <summary>Reads the element the reader is on to its end; the reader is left on its end element.</summary>
    private static Dictionary<string, string> Children(XmlReader reader)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var depth = reader.Depth;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) && !reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1)
            {
                var name = reader.LocalName;
                if (reader.IsEmptyElement)
                {
                    values[name] = string.Empty;
                    reader.Read();
                    continue;
                }

                reader.Read();
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                {
                    values[name] = reader.Value;
                    reader.Read();
                    continue;
                }

                if (reader.NodeType == XmlNodeType.EndElement)
                {
                    values[name] = string.Empty;
                    reader.Read();
                    continue;
                }

                // An element of elements (e.g. a user's Tags): not a value of this record.
                while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth + 1) && !reader.EOF)
                {
                    reader.Read();
                }

                reader.Read();
                continue;
            }

            reader.Read();
        }

        return values;
    }

    private static XmlReader Open(byte[] body) => XmlReader.Create(new MemoryStream(body, writable: false), Settings);
}
