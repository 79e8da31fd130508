using System.Reflection;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Lazy;
using Tessera.IO.Csv;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>
    /// Reads CSV files lazily: <paramref name="pattern"/> is a path or has wildcards in its file name
    /// (<c>data/accounts.*.csv</c>). Files are cut into blocks of <see cref="CsvReadOptions.BlockSize"/>
    /// bytes at row boundaries, one partition each (a <c>.gz</c> or <c>.zst</c> file is one partition);
    /// column types are inferred from a sample of the first file unless given.
    /// </summary>
    public static DataFrame ReadCsv(string pattern, CsvReadOptions? options = null) =>
        ReadCsv(CsvFiles.Expand(pattern), options);

    /// <summary>Reads the listed CSV files lazily (see <see cref="ReadCsv(string, CsvReadOptions?)"/>).</summary>
    public static DataFrame ReadCsv(IReadOnlyList<string> paths, CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        var files = paths.SelectMany(CsvFiles.Expand).ToArray();
        var layout = CsvSchemaInference.Infer(files, options);
        var blocks = CsvFiles.Blocks(files, options.BlockSize);
        var stamps = files.Select(f => File.GetLastWriteTimeUtc(f).Ticks).ToArray();
        var name = TaskKeys.Name("read-csv", [.. files, .. stamps.Cast<object>(), options.GetHashCode(), options.BlockSize]);
        return new DataFrame(new CsvNode(name, blocks, layout));
    }

    /// <summary>A lazy frame over an in-memory frame, cut into <paramref name="partitions"/> row ranges (not copied).</summary>
    public static DataFrame FromFrame(Frame frame, int partitions = 1)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var size = (frame.RowCount + partitions - 1) / Math.Max(1, partitions);
        var parts = new List<Frame>();
        for (var p = 0; p < partitions; p++)
        {
            var start = Math.Min(frame.RowCount, p * size);
            parts.Add(frame.Slice(start, Math.Min(size, frame.RowCount - start)));
        }
        return new DataFrame(new FramesNode(TaskKeys.Name("from-frame", frame, partitions), frame.Schema, parts));
    }

    /// <summary>A lazy frame with one partition per record batch (not copied); every batch must have the first one's columns.</summary>
    public static DataFrame FromArrow(IEnumerable<RecordBatch> batches)
    {
        var frames = batches.Select(b => new Frame(b)).ToArray();
        if (frames.Length == 0)
        {
            throw new ArgumentException("FromArrow needs at least one record batch.", nameof(batches));
        }
        return new DataFrame(new FramesNode(TaskKeys.Name("from-arrow", frames), frames[0].Schema, frames));
    }

    /// <summary>A lazy frame over the record batches of an Arrow IPC file (one partition per batch).</summary>
    public static DataFrame FromArrow(string arrowFile)
    {
        using var stream = File.OpenRead(arrowFile);
        using var reader = new ArrowFileReader(stream);
        var batches = new List<RecordBatch>();
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            batches.Add(batch);
        }
        return FromArrow(batches);
    }

    /// <summary>
    /// A lazy frame whose partitions are Delayed computations of frames (dask's from_delayed). The
    /// columns are <paramref name="meta"/>'s; without it, the first partition is computed now to
    /// learn them, as dask does without meta.
    /// </summary>
    public static DataFrame FromDelayed(IReadOnlyList<Delayed<Frame>> partitions, Schema? meta = null)
    {
        if (partitions.Count == 0)
        {
            throw new ArgumentException("FromDelayed needs at least one partition.", nameof(partitions));
        }
        var schema = meta ?? partitions[0].Compute().Schema;
        return new DataFrame(new DelayedNode(TaskKeys.Name("from-delayed", [.. partitions.Select(p => p.Key)]), schema, [.. partitions]));
    }

    /// <summary>
    /// A lazy frame from C# objects, one column per public readable property in declaration order
    /// (long, int, double, float, bool, string, DateTime and their nullable forms), cut into
    /// <paramref name="partitions"/> partitions.
    /// </summary>
    public static DataFrame FromRecords<T>(IEnumerable<T> records, int partitions = 1) =>
        FromFrame(RecordFrame(records), partitions);

    /// <summary>One frame of <paramref name="records"/>, a column per public readable property (see <see cref="FromRecords{T}"/>).</summary>
    internal static Frame RecordFrame<T>(IEnumerable<T> records)
    {
        var rows = records.ToArray();
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();
        if (properties.Length == 0)
        {
            throw new ArgumentException($"{typeof(T).Name} has no public properties to make columns of.", nameof(records));
        }
        return Frame.FromColumns([.. properties.Select(p => (p.Name, RecordColumns.Build(p, rows)))]);
    }
}
