using System.Buffers;

namespace SigninToSlack.Formatting;

/// <summary>
/// Writes the payload's JSON straight to the output: its fixed structure as UTF-8 literals, its texts escaped by
/// <see cref="JsonText"/>. The payload has one shape, so a general writer's bookkeeping buys nothing per alert.
/// </summary>
internal ref struct PayloadJson(IBufferWriter<byte> output)
{
    private readonly IBufferWriter<byte> _output = output;

    public int Written { get; private set; }

    /// <summary>Appends JSON that is already valid as written (structure, names, fixed values).</summary>
    public void Raw(scoped ReadOnlySpan<byte> utf8)
    {
        _output.Write(utf8);
        Written += utf8.Length;
    }

    /// <summary>Appends a JSON string holding <paramref name="text"/>.</summary>
    public void String(scoped ReadOnlySpan<char> text)
    {
        var length = JsonText.Escape(text, _output.GetSpan(JsonText.MaxLength(text.Length)));
        _output.Advance(length);
        Written += length;
    }
}
