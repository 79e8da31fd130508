using Apache.Arrow;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace Tessera.IO.Parquet;

/// <summary>
/// Writes one record batch as one Parquet file, crash-safe: the bytes go to a temporary name
/// beside the target and are renamed over it only when the footer is complete, so a reader never
/// sees half a file and an interrupted write leaves the previous file (or none) in place.
/// </summary>
public static class ParquetPartWriter
{
    /// <summary>Writes <paramref name="batch"/> to <paramref name="path"/> and returns the file's size in bytes.</summary>
    public static long Write(string path, RecordBatch batch, ParquetWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RowGroupSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DataPageSize, 1);
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var properties = Properties(options, batch))
            using (var arrow = new ArrowWriterPropertiesBuilder().Build())
            using (var writer = new FileWriter(temporary, batch.Schema, properties, arrow))
            {
                writer.WriteRecordBatch(batch, options.RowGroupSize);
                writer.Close();
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

    private static WriterProperties Properties(ParquetWriteOptions options, RecordBatch batch)
    {
        using var builder = new WriterPropertiesBuilder();
        builder.Compression(options.Compression switch
        {
            ParquetCompression.Snappy => Compression.Snappy,
            ParquetCompression.Zstd => Compression.Zstd,
            ParquetCompression.Gzip => Compression.Gzip,
            _ => Compression.Uncompressed,
        });
        if (options.CompressionLevel is { } level)
        {
            builder.CompressionLevel(level);
        }
        if (!options.Dictionary)
        {
            builder.DisableDictionary();
        }
        else
        {
            foreach (var column in ParquetIntegerEncodings.HighCardinality(batch, options.RowGroupSize, DefaultWriterProperties.DictionaryPagesizeLimit ?? (1 << 20)))
            {
                builder.DisableDictionary(column);
                builder.Encoding(column, Encoding.DeltaBinaryPacked);
            }
        }
        builder.DataPagesize(options.DataPageSize);
        builder.EnableStatistics();
        return builder.Build();
    }
}
