using Apache.Arrow;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Schema;
using PS = ParquetSharp;

namespace Tessera.Benchmarks.DataFrames;

/// <summary>
/// The choice of Parquet library: ParquetSharp (Arrow C++ inside; record batches cross through the
/// C data interface) against Parquet.Net (managed; columns as .NET arrays, so strings become
/// <c>string</c> objects and must be turned into Arrow columns and back). The same 3,000,000
/// accounts rows (id, names, amount) in 3 row groups, snappy; each side reads into and writes from
/// Arrow record batches, since that is what a DataFrame partition is.
/// </summary>
internal static class ParquetLibraries
{
    private static readonly string[] Names = ["Alice", "Bob", "Charlie", "Dan", "Edith", "Frank", "George", "Hannah", "Ingrid", "Jerry", "Kevin", "Laura", "Michael", "Norbert", "Oliver", "Patricia", "Quinn", "Ray", "Sarah", "Tim", "Ursula", "Victor", "Wendy", "Xavier", "Yvonne", "Zelda"];

    public static void Run(string folder, int repeats, int rows = 3_000_000, int groups = 3)
    {
        var batches = Batches(rows, groups);
        var sharp = Path.Combine(folder, "library-parquetsharp.parquet");
        var net = Path.Combine(folder, "library-parquetnet.parquet");
        long sharpSum = 0, netSum = 0;

        var sharpWrite = MedianTimer.Seconds(repeats, () => WriteSharp(sharp, batches));
        var sharpRead = MedianTimer.Seconds(repeats, () => sharpSum = ReadSharp(sharp, null));
        var sharpProjected = MedianTimer.Seconds(repeats, () => ReadSharp(sharp, [2]));
        var netWrite = MedianTimer.Seconds(repeats, () => WriteNet(net, batches));
        var netRead = MedianTimer.Seconds(repeats, () => netSum = ReadNet(net, projected: false));
        var netProjected = MedianTimer.Seconds(repeats, () => ReadNet(net, projected: true));
        if (sharpSum != netSum)
        {
            throw new InvalidOperationException($"The libraries read different amounts: {sharpSum} and {netSum}.");
        }
        Console.WriteLine($"Parquet libraries, {rows:N0} rows (id int64, names string, amount int64), {groups} row groups, snappy, to and from Arrow batches:");
        Console.WriteLine();
        Console.WriteLine("| library | write s | read all s | read amount only s | file MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(FormattableString.Invariant($"| ParquetSharp 25.0.1.2 | {sharpWrite:F3} | {sharpRead:F3} | {sharpProjected:F3} | {new FileInfo(sharp).Length / 1e6:F1} |"));
        Console.WriteLine(FormattableString.Invariant($"| Parquet.Net 6.1.0 | {netWrite:F3} | {netRead:F3} | {netProjected:F3} | {new FileInfo(net).Length / 1e6:F1} |"));
        Console.WriteLine(FormattableString.Invariant($"| Parquet.Net / ParquetSharp | {netWrite / sharpWrite:F1}x | {netRead / sharpRead:F1}x | {netProjected / sharpProjected:F1}x | |"));
    }

    private static RecordBatch[] Batches(int rows, int groups)
    {
        var random = new Random(42);
        var per = rows / groups;
        var schema = new Schema.Builder()
            .Field(f => f.Name("id").DataType(Int64Type.Default))
            .Field(f => f.Name("names").DataType(StringType.Default))
            .Field(f => f.Name("amount").DataType(Int64Type.Default)).Build();
        return [.. Enumerable.Range(0, groups).Select(g =>
        {
            var id = new Int64Array.Builder();
            var names = new StringArray.Builder();
            var amount = new Int64Array.Builder();
            for (var i = 0; i < per; i++)
            {
                id.Append(g * (long)per + i);
                names.Append(Names[random.Next(Names.Length)]);
                amount.Append(random.Next(-500, 5000));
            }
            return new RecordBatch(schema, [id.Build(), names.Build(), amount.Build()], per);
        })];
    }

    private static void WriteSharp(string path, RecordBatch[] batches)
    {
        using var properties = new PS.WriterPropertiesBuilder().Compression(PS.Compression.Snappy).Build();
        using var writer = new PS.Arrow.FileWriter(path, batches[0].Schema, properties);
        foreach (var batch in batches)
        {
            writer.WriteRecordBatch(batch);
        }
        writer.Close();
    }

    private static long ReadSharp(string path, int[]? columns)
    {
        using var reader = new PS.Arrow.FileReader(path);
        using var batches = reader.GetRecordBatchReader(columns: columns);
        long sum = 0;
        while (batches.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
        {
            if (columns is null)
            {
                foreach (var v in ((Int64Array)batch.Column(2)).Values)
                {
                    sum += v;
                }
            }
            batch.Dispose();
        }
        return sum;
    }

    private static readonly DataField<long> Id = new("id");
    private static readonly DataField<string> NameField = new("names");
    private static readonly DataField<long> Amount = new("amount");

    private static void WriteNet(string path, RecordBatch[] batches)
    {
        using var stream = File.Create(path);
        var writer = ParquetWriter.CreateAsync(new ParquetSchema(Id, NameField, Amount), stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }).GetAwaiter().GetResult();
        foreach (var batch in batches)
        {
            using var group = writer.CreateRowGroup();
            var names = (StringArray)batch.Column(1);
            var strings = new string[batch.Length];
            for (var i = 0; i < strings.Length; i++)
            {
                strings[i] = names.GetString(i);
            }
            group.WriteAsync<long>(Id, ((Int64Array)batch.Column(0)).Values.ToArray(), null, null, default).GetAwaiter().GetResult();
            group.WriteAsync(NameField, strings, null).GetAwaiter().GetResult();
            group.WriteAsync<long>(Amount, ((Int64Array)batch.Column(2)).Values.ToArray(), null, null, default).GetAwaiter().GetResult();
        }
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static long ReadNet(string path, bool projected)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        long sum = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            var amount = new long[n];
            group.ReadAsync<long>(Amount, amount, null, default).AsTask().GetAwaiter().GetResult();
            _ = new Int64Array.Builder().AppendRange(amount).Build();
            if (projected)
            {
                continue;
            }
            var id = new long[n];
            var names = new string?[n];
            group.ReadAsync<long>(Id, id, null, default).AsTask().GetAwaiter().GetResult();
            group.ReadAsync(NameField, names.AsMemory(), null, default).AsTask().GetAwaiter().GetResult();
            _ = new Int64Array.Builder().AppendRange(id).Build();
            _ = new StringArray.Builder().AppendRange(names!).Build();
            foreach (var v in amount)
            {
                sum += v;
            }
        }
        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return sum;
    }
}
