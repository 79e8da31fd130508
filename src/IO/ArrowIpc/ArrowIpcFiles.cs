using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;

namespace Tessera.IO.ArrowIpc;

/// <summary>
/// Arrow IPC files (the random-access "file" format, which Feather v2 is): the schema and batch
/// count from the footer, one batch by index, and crash-safe writes of one batch per file. The
/// batches read are the partitions as they are, with no per-value conversion.
/// </summary>
public static class ArrowIpcFiles
{
    private static readonly CompressionCodecFactory Codecs = new();

    /// <summary>The Arrow IPC / Feather files of a file, a directory or a glob, in part order.</summary>
    public static IReadOnlyList<string> Expand(string pathOrGlobOrDirectory) => PartFiles.Expand(pathOrGlobOrDirectory, ".arrow", ".feather", ".ipc");

    /// <summary>The schema and number of record batches of <paramref name="path"/>.</summary>
    /// <exception cref="ArrowIpcFormatException">The file is not an Arrow IPC file or its footer is damaged.</exception>
    public static (Schema Schema, int Batches) Describe(string path) => Guard(path, "footer", () =>
    {
        CheckFrame(path);
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream, Codecs);
        return (reader.Schema, reader.RecordBatchCountAsync().AsTask().GetAwaiter().GetResult());
    });

    /// <summary>Record batch <paramref name="index"/> of <paramref name="path"/>, decompressed if it was compressed.</summary>
    public static RecordBatch ReadBatch(string path, int index) => Guard(path, $"record batch {index}", () =>
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream, Codecs);
        return reader.ReadRecordBatchAsync(index).AsTask().GetAwaiter().GetResult() ?? throw new ArrowIpcFormatException(path, $"record batch {index}", "the footer lists fewer batches; the file changed since it was opened. Open it again.");
    });

    /// <summary>Writes <paramref name="batch"/> as an Arrow IPC file under a temporary name renamed on success; returns its size.</summary>
    public static long Write(string path, RecordBatch batch, ArrowIpcCompression compression)
    {
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var options = new IpcOptions
            {
                CompressionCodec = compression switch
                {
                    ArrowIpcCompression.Lz4 => CompressionCodecType.Lz4Frame,
                    ArrowIpcCompression.Zstd => CompressionCodecType.Zstd,
                    _ => null,
                },
                CompressionCodecFactory = compression == ArrowIpcCompression.None ? null : Codecs,
            };
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new ArrowFileWriter(stream, batch.Schema, leaveOpen: false, options))
            {
                writer.WriteRecordBatch(batch);
                writer.WriteEnd();
            }
            File.Move(temporary, path, overwrite: true);
            return new FileInfo(path).Length;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    // "ARROW1" at both ends: a truncated copy is named as such before the decoder runs.
    private static void CheckFrame(string path)
    {
        using var file = File.OpenRead(path);
        if (file.Length < 12)
        {
            throw new ArrowIpcFormatException(path, "file frame", $"the file has {file.Length} bytes, fewer than an Arrow file's magic and footer. It is empty or truncated.");
        }
        Span<byte> head = stackalloc byte[6];
        Span<byte> tail = stackalloc byte[6];
        file.ReadExactly(head);
        file.Position = file.Length - 6;
        file.ReadExactly(tail);
        if (!head.SequenceEqual("ARROW1"u8))
        {
            throw new ArrowIpcFormatException(path, "header magic", "the file does not start with 'ARROW1'; it is not an Arrow IPC file (an Arrow stream, or another format?). Check the path.");
        }
        if (!tail.SequenceEqual("ARROW1"u8))
        {
            throw new ArrowIpcFormatException(path, "footer magic", $"the file ({file.Length} bytes) does not end with 'ARROW1': it is truncated. Write or copy it again.");
        }
    }

    private static T Guard<T>(string path, string structure, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or OverflowException or EndOfStreamException or FormatException)
        {
            throw new ArrowIpcFormatException(path, structure, $"{e.Message} The file is corrupted; write it again.", e);
        }
    }
}
