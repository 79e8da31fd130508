using Apache.Arrow;
using Tessera.DataFrames;
using Tessera.IO.Parquet;

namespace Tessera.Benchmarks.DataFrames;

/// <summary>
/// Where the projected Parquet group-by's time goes (<c>side-by-side storage --stages</c>, after a
/// full run has written the files): each stage of the read timed alone over every part, on one
/// thread, then the whole query on one thread and on the worker threads. Medians of the repeats.
/// </summary>
internal static class ParquetStages
{
    // One column of every row group through ParquetSharp's Arrow reader, nothing Tessera adds.
    private static void RawArrow(string path, string column, int rows, bool dictionary)
    {
        using var properties = ParquetSharp.Arrow.ArrowReaderProperties.GetDefault();
        properties.BatchSize = rows;
        properties.UseThreads = false;
        using var reader = new ParquetSharp.Arrow.FileReader(path, null, properties);
        var leaf = reader.SchemaManifest.SchemaField(reader.Schema.GetFieldIndex(column)).ColumnIndex;
        if (dictionary)
        {
            properties.SetReadDictionary(leaf, true);
        }
        using var again = dictionary ? new ParquetSharp.Arrow.FileReader(path, null, properties) : null;
        using var batches = (again ?? reader).GetRecordBatchReader([.. Enumerable.Range(0, reader.NumRowGroups)], [leaf]);
        while (batches.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
        {
            batch.Dispose();
        }
    }

    private static RecordBatch RawBatch(string path, string column, int rows)
    {
        using var properties = ParquetSharp.Arrow.ArrowReaderProperties.GetDefault();
        properties.BatchSize = rows;
        properties.UseThreads = false;
        properties.SetReadDictionary(1, true);
        using var reader = new ParquetSharp.Arrow.FileReader(path, null, properties);
        using var batches = reader.GetRecordBatchReader([0], [1]);
        return batches.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult()!;
    }

    /// <summary>Only the projected query, on one thread and on the workers: for A/B runs of two builds in alternation.</summary>
    public static void Whole(string parquet, int repeats, ComputeOptions options)
    {
        string[] columns = ["names", "amount"];
        var one = new ComputeOptions { Scheduler = SchedulerKind.Synchronous };
        for (var round = 0; round < 3; round++)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"whole query: 1 thread {MedianTimer.Seconds(repeats, () => DataFrame.ReadParquet(parquet, columns).GroupBy("names")["amount"].Mean().Compute(one)) * 1000:F2} ms, {options.MaxDegreeOfParallelism} threads {MedianTimer.Seconds(repeats, () => DataFrame.ReadParquet(parquet, columns).GroupBy("names")["amount"].Mean().Compute(options)) * 1000:F2} ms"));
        }
    }

    public static void Run(string parquet, int repeats, ComputeOptions options)
    {
        var files = ParquetFiles.Expand(parquet).Select(ParquetFileInfo.Read).ToArray();
        string[] columns = ["names", "amount"];
        var one = new ComputeOptions { Scheduler = SchedulerKind.Synchronous };
        void Line(string stage, Action run) =>
            Console.WriteLine(FormattableString.Invariant($"{stage,-58} {MedianTimer.Seconds(repeats, run) * 1000,8:F2} ms"));

        Console.WriteLine($"{files.Length} parts, {files.Sum(f => f.Rows):N0} rows, {files.Sum(f => f.RowGroups.Count)} row groups; medians of {repeats}");
        using (var metadata = new ParquetSharp.ParquetFileReader(files[0].Path))
        {
            using var group = metadata.RowGroup(0);
            for (var c = 0; c < metadata.FileMetaData.NumColumns; c++)
            {
                using var chunk = group.MetaData.GetColumnChunkMetaData(c);
                Console.WriteLine($"part 0 column {c}: {chunk.Type} {chunk.Compression} [{string.Join(",", chunk.Encodings)}] {chunk.TotalCompressedSize:N0} bytes ({chunk.TotalUncompressedSize:N0} uncompressed), {chunk.NumValues:N0} values");
            }
        }
        for (var round = 0; round < 2; round++)
        {
            Line("footers (ParquetFileInfo.Read, every part)", () => files.Select(f => ParquetFileInfo.Read(f.Path)).ToArray());
            Line("open and close an Arrow FileReader (every part)", () =>
            {
                foreach (var f in files)
                {
                    using var reader = new ParquetSharp.Arrow.FileReader(f.Path);
                }
            });
            Line("chunk reader, names+amount as codes (every part)", () =>
            {
                foreach (var f in files)
                {
                    ParquetChunkReader.Read(f.Path, [.. f.RowGroups.Select(g => g.Index)], columns, rows: f.Rows, dictionaryColumns: f.RowGroups[0].DictionaryColumns);
                }
            });
            Line("chunk reader, amount alone (every part)", () =>
            {
                foreach (var f in files)
                {
                    ParquetChunkReader.Read(f.Path, [.. f.RowGroups.Select(g => g.Index)], ["amount"], rows: f.Rows);
                }
            });
            Line("chunk reader, names alone as codes (every part)", () =>
            {
                foreach (var f in files)
                {
                    ParquetChunkReader.Read(f.Path, [.. f.RowGroups.Select(g => g.Index)], ["names"], rows: f.Rows, dictionaryColumns: f.RowGroups[0].DictionaryColumns);
                }
            });
            Line("Arrow C++ alone: names as dictionary (every part)", () =>
            {
                foreach (var f in files)
                {
                    RawArrow(f.Path, "names", (int)f.Rows, dictionary: true);
                }
            });
            Line("Arrow C++ alone: amount (every part)", () =>
            {
                foreach (var f in files)
                {
                    RawArrow(f.Path, "amount", (int)f.Rows, dictionary: false);
                }
            });
            var raw = files.Select(f => RawBatch(f.Path, "names", (int)f.Rows)).ToArray();
            Line("to managed codes and dictionary (every part)", () =>
            {
                foreach (var b in raw)
                {
                    ParquetDictionaryReads.ToManaged((DictionaryArray)b.Column(0));
                }
            });
            var managed = raw.Select(b => ParquetDictionaryReads.ToManaged((DictionaryArray)b.Column(0))).ToArray();
            Line("DictionaryStringArray.Create alone (every part)", () =>
            {
                foreach (var m in managed)
                {
                    DictionaryStringArray.Create(m.Codes.ToArray(), ArrowBuffer.Empty, 0, m.Dictionary);
                }
            });
            Line("codes.ToArray alone (every part)", () =>
            {
                foreach (var m in managed)
                {
                    m.Codes.ToArray();
                }
            });
            var persisted = DataFrame.ReadParquet(parquet, columns).Persist(options);
            Line("group-by over persisted partitions, 1 thread", () => persisted.GroupBy("names")["amount"].Mean().Compute(one));
            Line("building the lazy query (footers included)", () => DataFrame.ReadParquet(parquet, columns).GroupBy("names")["amount"].Mean());
            Line("ReadParquet persisted, 1 thread", () => DataFrame.ReadParquet(parquet, columns).Persist(one));
            Line("whole query, 1 thread", () => DataFrame.ReadParquet(parquet, columns).GroupBy("names")["amount"].Mean().Compute(one));
            Line($"whole query, {options.MaxDegreeOfParallelism} threads", () => DataFrame.ReadParquet(parquet, columns).GroupBy("names")["amount"].Mean().Compute(options));
            Line($"whole query, every column, {options.MaxDegreeOfParallelism} threads", () => DataFrame.ReadParquet(parquet).GroupBy("names")["amount"].Mean().Compute(options));
        }
    }
}
