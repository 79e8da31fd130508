using System.Buffers;

namespace Tessera.IO.Text;

/// <summary>
/// Reads lines of UTF-8 text as byte spans from a stream, without a string per line: the span
/// points into a pooled buffer and is valid until the next call. Lines end at '\n'; a '\r'
/// before it is dropped. Reading stops at the first line that starts at or past the block's end.
/// </summary>
public sealed class LineReader : IDisposable
{
    private const int InitialBuffer = 1 << 18;

    private readonly Stream _stream;
    private readonly long _end;
    private byte[] _buffer;
    private int _start;
    private int _filled;
    private bool _eof;
    private long _position;

    /// <summary>Reads from <paramref name="stream"/>, whose next byte is at <paramref name="position"/>; lines starting at or past <paramref name="end"/> are not read.</summary>
    public LineReader(Stream stream, long position, long end)
    {
        _stream = stream;
        _position = position;
        _end = end;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    }

    /// <summary>Lines returned so far.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Byte offset (in the decompressed stream) where the last returned line starts.</summary>
    public long LineStart { get; private set; }

    /// <summary>Moves past the next line (or part of a line), whatever the block's end.</summary>
    public void SkipLine() => _ = Next(out _, ignoreEnd: true);

    /// <summary>The next line of the block; false at its end.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        if (!Next(out var range, ignoreEnd: false))
        {
            line = default;
            return false;
        }
        LineNumber++;
        line = _buffer.AsSpan(range.Start, range.Length);
        return true;
    }

    private bool Next(out (int Start, int Length) line, bool ignoreEnd)
    {
        line = default;
        if (!ignoreEnd && _position >= _end)
        {
            return false;
        }
        var searched = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + searched, _filled - _start - searched).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = searched + newline;
                line = (_start, length > 0 && _buffer[_start + length - 1] == '\r' ? length - 1 : length);
                Advance(length + 1);
                return true;
            }
            searched = _filled - _start;
            if (_eof || !Fill())
            {
                if (searched == 0)
                {
                    return false;
                }
                line = (_start, searched);
                Advance(searched);
                return true;
            }
        }
    }

    private void Advance(int bytes)
    {
        LineStart = _position;
        _position += bytes;
        _start += bytes;
    }

    /// <summary>Reads more bytes after the unread ones, moving or growing the buffer as needed; false at the stream's end.</summary>
    private bool Fill()
    {
        var pending = _filled - _start;
        if (_start > 0 && pending > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
        }
        _start = 0;
        _filled = pending;
        if (_filled == _buffer.Length)
        {
            // One line longer than the buffer: grow it, as the line must be returned whole.
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _filled);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        var read = _stream.Read(_buffer, _filled, _buffer.Length - _filled);
        if (read == 0)
        {
            _eof = true;
            return false;
        }
        _filled += read;
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stream.Dispose();
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
