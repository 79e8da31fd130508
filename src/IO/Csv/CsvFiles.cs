using System.IO.Compression;

namespace Tessera.IO.Csv;

/// <summary>
/// Finds the files a path pattern names and cuts them into blocks at row boundaries. Splitting
/// looks only for newlines, as dask's does: a quoted field holding a newline must not straddle a
/// block boundary, so such files should be read with a block size larger than the file.
/// </summary>
public static class CsvFiles
{
    /// <summary>
    /// The files <paramref name="pattern"/> names, sorted: a path, or a path whose file name has
    /// <c>*</c> and <c>?</c> wildcards (<c>data/accounts.*.csv</c>).
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing matches.</exception>
    public static IReadOnlyList<string> Expand(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        var name = Path.GetFileName(pattern);
        if (name.IndexOfAny(['*', '?']) < 0)
        {
            return File.Exists(pattern)
                ? [pattern]
                : throw new FileNotFoundException($"The CSV file '{pattern}' does not exist.", pattern);
        }
        var directory = Path.GetDirectoryName(pattern);
        directory = string.IsNullOrEmpty(directory) ? "." : directory;
        if (directory.IndexOfAny(['*', '?']) >= 0)
        {
            throw new ArgumentException(
                $"Wildcards are allowed in the file name only, not in the folder: '{pattern}'. List the files instead.",
                nameof(pattern));
        }
        var files = Directory.Exists(directory)
            ? Directory.GetFiles(directory, name).Order(StringComparer.Ordinal).ToArray()
            : [];
        return files.Length > 0
            ? files
            : throw new FileNotFoundException($"No file matches '{pattern}' (looked in '{Path.GetFullPath(directory)}').", pattern);
    }

    /// <summary>The compression <paramref name="path"/>'s extension names.</summary>
    public static CsvCompression CompressionOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".gz" or ".gzip" => CsvCompression.Gzip,
        ".zst" or ".zstd" => CsvCompression.Zstd,
        _ => CsvCompression.None,
    };

    /// <summary>
    /// <paramref name="files"/> cut into equal blocks of at most <paramref name="blockSize"/> bytes; a
    /// compressed file is one block.
    /// </summary>
    public static IReadOnlyList<CsvBlock> Blocks(IReadOnlyList<string> files, long blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        var blocks = new List<CsvBlock>();
        foreach (var file in files)
        {
            var compression = CompressionOf(file);
            var length = new FileInfo(file).Length;
            if (compression != CsvCompression.None || length <= blockSize)
            {
                blocks.Add(new CsvBlock(file, 0, long.MaxValue, compression));
                continue;
            }
            // Equal blocks of at most blockSize: an 18 MB file in 16 MiB blocks is two of 9 MB, not
            // 16 + 2, so partitions take about the same time and workers finish together.
            var count = (length + blockSize - 1) / blockSize;
            var size = (length + count - 1) / count;
            for (long start = 0; start < length; start += size)
            {
                var end = start + size >= length ? long.MaxValue : start + size;
                blocks.Add(new CsvBlock(file, start, end, compression));
            }
        }
        return blocks;
    }

    /// <summary>
    /// The bytes of the rows that begin in the block: from the first row start at or after
    /// <see cref="CsvBlock.Start"/> to the end of the row that holds byte <see cref="CsvBlock.End"/> - 1;
    /// <paramref name="offset"/> is where they begin in the (decompressed) file.
    /// </summary>
    public static byte[] ReadBlock(CsvBlock block, out long offset)
    {
        var bytes = ReadBlock(block, out offset, out var length);
        var exact = bytes.AsSpan(0, length).ToArray();
        System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        return exact;
    }

    /// <summary>As <see cref="ReadBlock(CsvBlock, out long)"/>, into an array from the shared pool (the caller returns it) of which the first <paramref name="length"/> bytes are the block.</summary>
    public static byte[] ReadBlock(CsvBlock block, out long offset, out int length)
    {
        offset = 0;
        if (block.Compression != CsvCompression.None)
        {
            var all = ReadAll(block.Path, block.Compression);
            var pooled = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(1, all.Length));
            all.CopyTo(pooled, 0);
            length = all.Length;
            return pooled;
        }
        using var handle = File.OpenHandle(block.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        var fileLength = RandomAccess.GetLength(handle);
        var first = block.Start == 0 ? 0 : RowStartAtOrAfter(handle, block.Start, fileLength);
        var last = block.End >= fileLength ? fileLength : RowStartAtOrAfter(handle, block.End, fileLength);
        offset = first;
        length = checked((int)Math.Max(0, last - first));
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read, length - read), first + read);
            if (n == 0)
            {
                throw new EndOfStreamException($"'{block.Path}' became shorter while it was read.");
            }
            read += n;
        }
        return bytes;
    }

    /// <summary>The whole file, decompressed.</summary>
    public static byte[] ReadAll(string path, CsvCompression compression)
    {
        using var file = File.OpenRead(path);
        using Stream stream = compression switch
        {
            CsvCompression.Gzip => new GZipStream(file, CompressionMode.Decompress),
            CsvCompression.Zstd => new ZstdSharp.DecompressionStream(file),
            _ => file,
        };
        using var memory = new MemoryStream();
        try
        {
            stream.CopyTo(memory);
        }
        catch (Exception e) when (e is InvalidDataException or ZstdSharp.ZstdException or IOException)
        {
            throw new InvalidDataException(
                $"'{path}' could not be decompressed as {compression} ({e.Message}). Its extension chose the codec; rename it if it is wrong.", e);
        }
        return memory.ToArray();
    }

    /// <summary>The number of lines before byte <paramref name="offset"/> of the (decompressed) file: error messages name lines.</summary>
    public static long LinesBefore(string path, long offset)
    {
        var compression = CompressionOf(path);
        if (compression != CsvCompression.None)
        {
            var all = ReadAll(path, compression);
            return all.AsSpan(0, (int)Math.Min(offset, all.Length)).Count((byte)'\n');
        }
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 16];
        long lines = 0, done = 0;
        while (done < offset)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, offset - done));
            if (n == 0)
            {
                break;
            }
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
            done += n;
        }
        return lines;
    }

    // The first row start at or after position: just after the first newline at or after position - 1.
    private static long RowStartAtOrAfter(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long position, long length)
    {
        Span<byte> buffer = stackalloc byte[4096];
        var at = position - 1;
        while (at < length)
        {
            var n = RandomAccess.Read(handle, buffer, at);
            var i = buffer[..n].IndexOf((byte)'\n');
            if (i >= 0)
            {
                return at + i + 1;
            }
            at += n;
        }
        return length;
    }
}
