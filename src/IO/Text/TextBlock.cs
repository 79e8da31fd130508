namespace Tessera.IO.Text;

/// <summary>
/// A piece of a text file that one partition reads: the lines that start in
/// [<see cref="Start"/>, <see cref="Start"/> + <see cref="Length"/>). A compressed file is always
/// one block from 0 with <see cref="Length"/> -1 (the whole decompressed stream).
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Start">First byte offset of the block.</param>
/// <param name="Length">Bytes in the block; -1 for the whole file.</param>
/// <param name="Compression">How the file is compressed.</param>
public sealed record TextBlock(string Path, long Start, long Length, TextCompression Compression)
{
    /// <summary>Opens a reader of this block's lines.</summary>
    public LineReader OpenLines()
    {
        var stream = TextStreams.OpenRead(Path, Compression);
        try
        {
            if (Start == 0)
            {
                return new LineReader(stream, 0, Length < 0 ? long.MaxValue : Length);
            }
            // A line belongs to the block holding its first byte. Starting one byte early and
            // dropping one line skips exactly the tail of a line that began in the previous
            // block, and nothing when the previous byte was a newline.
            stream.Seek(Start - 1, SeekOrigin.Begin);
            var reader = new LineReader(stream, Start - 1, Start + Length);
            reader.SkipLine();
            return reader;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Length < 0 ? Path : $"{Path}[{Start}..{Start + Length})";
}
