using System.Buffers.Binary;

namespace Tessera.IO.Parquet;

/// <summary>Finding a dataset's Parquet files, and checking a file's frame before the decoder sees it.</summary>
public static class ParquetFiles
{
    private const int Magic = 0x31524150; // "PAR1" little-endian

    /// <summary>The Parquet files of a file, a directory (its <c>*.parquet</c> parts, without <c>_metadata</c>) or a glob, in part order.</summary>
    public static IReadOnlyList<string> Expand(string pathOrGlobOrDirectory) => PartFiles.Expand(pathOrGlobOrDirectory, ".parquet", ".parq", ".pq");

    /// <summary>
    /// Checks the frame every Parquet file has: "PAR1" at both ends and a footer length that fits
    /// the file. A truncated copy fails here with its sizes named, before the native decoder runs.
    /// </summary>
    /// <exception cref="ParquetFormatException">The frame is broken.</exception>
    public static void CheckMagic(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        var length = file.Length;
        if (length < 12)
        {
            throw new ParquetFormatException(path, "file frame", $"the file has {length} bytes; a Parquet file has at least 12 (magic, footer length, magic). It is empty or truncated.");
        }
        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[8];
        file.ReadExactly(head);
        file.Position = length - 8;
        file.ReadExactly(tail);
        if (BinaryPrimitives.ReadInt32LittleEndian(head) != Magic)
        {
            throw new ParquetFormatException(path, "header magic", "the file does not start with 'PAR1'; it is not a Parquet file. Check the path, or read it with the reader of its format.");
        }
        if (BinaryPrimitives.ReadInt32LittleEndian(tail[4..]) != Magic)
        {
            throw new ParquetFormatException(path, "footer magic", $"the file ({length} bytes) does not end with 'PAR1': it is truncated (an interrupted copy or write). Write or copy it again.");
        }
        var footer = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footer <= 0 || footer > length - 12)
        {
            throw new ParquetFormatException(path, "footer length", $"the footer claims {footer} bytes but the file has {length}; the file is corrupted. Write it again.");
        }
    }
}
