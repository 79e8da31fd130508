using System.IO.Compression;
using ZstdSharp;

namespace Tessera.IO.Text;

/// <summary>How a text file is compressed; chosen from its extension (.gz, .zst).</summary>
public enum TextCompression
{
    /// <summary>Plain bytes: the file can be split into byte blocks.</summary>
    None,

    /// <summary>gzip (.gz): read as one stream, so one block per file.</summary>
    Gzip,

    /// <summary>Zstandard (.zst, .zstd): read as one stream, so one block per file.</summary>
    Zstd,
}

/// <summary>Opens text files for reading and writing, decompressing by extension.</summary>
public static class TextStreams
{
    // Large buffers: decoders and parsers do best on long runs, and a read syscall per 64 KiB
    // costs nothing next to decompressing it.
    private const int FileBuffer = 1 << 16;

    /// <summary>The compression <paramref name="path"/>'s extension names.</summary>
    public static TextCompression CompressionOf(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? TextCompression.Gzip
        : path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".zstd", StringComparison.OrdinalIgnoreCase)
            ? TextCompression.Zstd
            : TextCompression.None;

    /// <summary>The decompressed bytes of <paramref name="path"/>, from the start.</summary>
    public static Stream OpenRead(string path, TextCompression compression)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBuffer, FileOptions.SequentialScan);
        try
        {
            return compression switch
            {
                TextCompression.Gzip => new GZipStream(file, CompressionMode.Decompress),
                TextCompression.Zstd => new DecompressionStream(file, FileBuffer, checkEndOfStream: true, leaveOpen: false),
                _ => file,
            };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>A stream that writes <paramref name="path"/>, compressed as its extension says; folders are created.</summary>
    public static Stream OpenWrite(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, FileBuffer);
        try
        {
            return CompressionOf(path) switch
            {
                TextCompression.Gzip => new GZipStream(file, CompressionLevel.Fastest),
                TextCompression.Zstd => new CompressionStream(file, 3, leaveOpen: false),
                _ => file,
            };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
