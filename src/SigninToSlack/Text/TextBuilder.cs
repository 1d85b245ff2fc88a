using System.Buffers;
using System.Globalization;
using System.Text;

namespace SigninToSlack.Text;

/// <summary>
/// Builds one message text in a pooled buffer. Values taken from an event go through <see cref="AppendValue(ReadOnlySpan{char})"/>,
/// which, when the builder is made for Slack, keeps only what can be shown as literal text: wording code is shared by
/// Slack text and plain text.
/// </summary>
internal ref struct TextBuilder
{
    /// <summary>
    /// Marks where the product's own emphasis starts and ends (each one toggles it). A private-use character, so no
    /// value can carry one: <see cref="AppendValue(ReadOnlySpan{char})"/> drops them.
    /// </summary>
    public const char Emphasis = '\uE000';

    /// <summary><see cref="Emphasis"/> as a string, for wording that takes its emphasis as text.</summary>
    public const string EmphasisMark = "\uE000";

    /// <summary>The most characters one value takes in Slack text; longer values are cut with an ellipsis.</summary>
    public const int ValueLimit = 200;

    private const char Ellipsis = '\u2026';

    // Printable ASCII: what a value may hold as it is.
    private static readonly SearchValues<char> PrintableAscii = SearchValues.Create(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private readonly bool _forSlack;
    private char[] _buffer;
    private int _length;

    /// <param name="forSlack">True for Slack (values cleaned of control and format characters, and capped), false for plain text (logs, the terminal).</param>
    public TextBuilder(bool forSlack, int capacity = 512)
    {
        _forSlack = forSlack;
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

    /// <summary>Appends a value taken from an event; for Slack, cleaned and cut at <see cref="ValueLimit"/> characters.</summary>
    public void AppendValue(scoped ReadOnlySpan<char> value) => AppendValue(value, ValueLimit);

    /// <summary>
    /// Appends a value taken from an event. For Slack: line breaks (and tabs) become one space; other control
    /// characters, format characters (bidirectional overrides and isolates, zero-width characters, BOM) and
    /// private-use characters are dropped; a lone surrogate becomes U+FFFD; past <paramref name="max"/> characters
    /// the value is cut with an ellipsis. A value left with nothing to show reads "(unprintable)".
    /// </summary>
    public void AppendValue(scoped ReadOnlySpan<char> value, int max)
    {
        if (!_forSlack)
        {
            Append(value);
            return;
        }

        var start = _length;
        var plain = value.IndexOfAnyExcept(PrintableAscii);
        if (plain < 0)
        {
            plain = value.Length;
        }

        if (plain >= max && value.Length > max)
        {
            Append(value[..(max - 1)]);
            Append(Ellipsis);
            return;
        }

        Append(value[..plain]);
        if (plain < value.Length)
        {
            AppendCleaned(value[plain..], start + max);
        }

        if (_length == start && !value.IsEmpty)
        {
            Append("(unprintable)");
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

    /// <summary>The slow path of <see cref="AppendValue(ReadOnlySpan{char}, int)"/>, rune by rune, for text that is not all printable ASCII.</summary>
    private void AppendCleaned(scoped ReadOnlySpan<char> value, int end)
    {
        var lastWasBreak = false;
        while (!value.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(value, out var rune, out var consumed) != OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }

            value = value[Math.Max(consumed, 1)..];
            var isBreak = rune.Value is '\n' or '\r' or '\t' or '\v' or '\f' or 0x85 or 0x2028 or 0x2029;
            if (isBreak)
            {
                if (!lastWasBreak)
                {
                    rune = new Rune(' ');
                }
                else
                {
                    continue;
                }
            }
            else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse)
            {
                continue;
            }

            lastWasBreak = isBreak;
            var width = rune.Utf16SequenceLength;

            // Room for this rune and, if anything follows, an ellipsis.
            if (_length + width > end - (value.IsEmpty ? 0 : 1))
            {
                Append(Ellipsis);
                return;
            }

            if (_length + width > _buffer.Length)
            {
                Grow(width);
            }

            _length += rune.EncodeToUtf16(_buffer.AsSpan(_length));
        }
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
