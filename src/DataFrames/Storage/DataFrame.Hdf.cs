using Tessera.DataFrames.Lazy;
using Tessera.DataFrames.Storage;
using Tessera.IO.Hdf5;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>
    /// Reads the frame pandas (or dask, or <see cref="ToHdf"/>) wrote under <paramref name="key"/>
    /// of an HDF5 file. The <c>table</c> format is read lazily in partitions of
    /// <paramref name="chunkSize"/> rows (dask's read_hdf chunksize); the <c>fixed</c> format, which
    /// cannot be read in pieces, is read now as one partition. Columns: numbers, booleans,
    /// datetime64 (as nanosecond timestamps) and strings; pandas' index is not kept.
    /// </summary>
    /// <exception cref="PandasHdfException">The key is missing or holds no pandas frame, or a column was pickled (fixed format strings).</exception>
    public static DataFrame ReadHdf(string path, string key, long chunkSize = 1_000_000)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        using var file = Hdf5File.Open(path);
        var stamp = File.GetLastWriteTimeUtc(path).Ticks;
        if (!Hdf5PandasReader.IsTable(file, path, key))
        {
            var columns = Hdf5PandasReader.ReadFixed(file, path, key);
            var frame = Frame.FromColumns([.. columns.Select(c => (c.Name, PandasColumns.ToArrow(c)))]);
            return new DataFrame(new FramesNode(TaskKeys.Name("read-hdf-fixed", path, key, stamp), frame.Schema, [frame]));
        }
        var rows = Hdf5PandasReader.TableRows(file, path, key);
        var schema = HdfTableNode.Read(path, key, 0, Math.Min(rows, 1)).Schema;
        var ranges = new List<(long, long)>();
        for (long start = 0; start < rows; start += chunkSize)
        {
            ranges.Add((start, Math.Min(chunkSize, rows - start)));
        }
        if (ranges.Count == 0)
        {
            ranges.Add((0, 0));
        }
        return new DataFrame(new HdfTableNode(TaskKeys.Name("read-hdf", path, key, stamp, chunkSize), schema, path, key, ranges));
    }

    /// <summary>
    /// Writes the frame under <paramref name="key"/> of a new HDF5 file in pandas' <c>table</c>
    /// format (what dask's to_hdf writes), so <c>pd.read_hdf(path, key)</c> reads it back with the
    /// same columns, dtypes and order: numbers, booleans, strings (fixed width, UTF-8), timestamps
    /// and dates (as datetime64[ns]). An integer column with nulls is written as float64 with NaN,
    /// as pandas would hold it. The partitions are computed and gathered into one table (the
    /// writer lays out one compound dataset); the file appears under its name only when complete.
    /// </summary>
    /// <param name="path">The HDF5 file to create (replaced if it exists).</param>
    /// <param name="key">The HDFStore key, e.g. "df".</param>
    /// <param name="compressionLevel">Deflate level 0-9 for the table's chunks (pandas' complevel).</param>
    /// <param name="options">How the partitions are computed.</param>
    public WriteResult ToHdf(string path, string key, int compressionLevel = 0, ComputeOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(compressionLevel, 9);
        var frame = Compute(options);
        var columns = new List<KeyValuePair<string, Array>>();
        var dtypes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var c = 0; c < frame.ColumnCount; c++)
        {
            var name = frame.Columns[c];
            var (values, dtype) = PandasColumns.ToPandas(name, frame.Column(c));
            columns.Add(new(name, values));
            if (dtype is not null)
            {
                dtypes[name] = dtype;
            }
        }
        var index = new long[frame.RowCount];
        for (var i = 0; i < index.Length; i++)
        {
            index[i] = i;
        }
        using (var writer = Hdf5File.Create(path))
        {
            Hdf5PandasTable.Write(writer, key.TrimStart('/'), index, columns, compressionLevel, dtypes);
        }
        return new WriteResult([path], frame.RowCount, new FileInfo(path).Length);
    }
}
