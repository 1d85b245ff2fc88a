using System.Buffers;

namespace SigninToSlack.Text;

/// <summary>
/// Builds one message text in a pooled buffer. Values taken from an event go through <see cref="AppendValue"/>,
/// which writes Slack mrkdwn entities for &amp;, &lt; and &gt; when the builder is made for Slack, so wording
/// code is shared by Slack text and plain text.
/// </summary>
internal ref struct TextBuilder
{
    private const char Ellipsis = '\u2026';

    private readonly bool _escapeValues;
    private char[] _buffer;
    private int _length;

    /// <param name="escapeValues">True for Slack mrkdwn, false for plain text (logs, the terminal).</param>
    public TextBuilder(bool escapeValues, int capacity = 512)
    {
        _escapeValues = escapeValues;
        _buffer = ArrayPool<char>.Shared.Rent(capacity);
        _length = 0;
    }

    public readonly int Length => _length;

    public readonly ReadOnlySpan<char> Text => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Drops what was appended after <paramref name="length"/> characters.</summary>
    public void Rewind(int length) => _length = Math.Clamp(length, 0, _length);

    public void Append(char c)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = c;
    }

    public void Append(scoped ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    /// <summary>Appends a value taken from an event, escaped for Slack when this builder is for Slack.</summary>
    public void AppendValue(scoped ReadOnlySpan<char> value)
    {
        if (!_escapeValues)
        {
            Append(value);
            return;
        }

        while (!value.IsEmpty)
        {
            var special = value.IndexOfAny('&', '<', '>');
            if (special < 0)
            {
                Append(value);
                return;
            }

            Append(value[..special]);
            Append(value[special] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                _ => "&gt;",
            });
            value = value[(special + 1)..];
        }
    }

    public void AppendFormatted<T>(T value, string? format = null)
        where T : ISpanFormattable
    {
        int written;
        while (!value.TryFormat(_buffer.AsSpan(_length), out written, format, System.Globalization.CultureInfo.InvariantCulture))
        {
            Grow(64);
        }

        _length += written;
    }

    /// <summary>Upper-cases the character at <paramref name="index"/>.</summary>
    public readonly void Capitalize(int index)
    {
        if (index < _length)
        {
            _buffer[index] = char.ToUpperInvariant(_buffer[index]);
        }
    }

    /// <summary>
    /// Shortens the text to at most <paramref name="max"/> characters with an ellipsis, never cutting an entity
    /// (at most 5 characters, "&amp;amp;") or a surrogate pair in two.
    /// </summary>
    public void Truncate(int max)
    {
        if (_length <= max)
        {
            return;
        }

        _length = CutIndex(Text, max);
        Append(Ellipsis);
    }

    /// <summary>Where <see cref="Truncate"/> cuts a text longer than <paramref name="max"/>.</summary>
    public static int CutIndex(ReadOnlySpan<char> text, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var cut = max - 1;
        if (cut > 0 && char.IsLowSurrogate(text[cut]))
        {
            cut--;
        }

        var window = Math.Min(cut, 5);
        var amp = text[(cut - window)..cut].LastIndexOf('&');
        if (amp >= 0)
        {
            amp += cut - window;
            var semicolon = text[amp..].IndexOf(';');
            if (semicolon >= 0 && amp + semicolon >= cut)
            {
                cut = amp;
            }
        }

        return cut;
    }

    public override readonly string ToString() => new(Text);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        Text.CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
