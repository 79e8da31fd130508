using Apache.Arrow;
using nietras.SeparatedValues;
using Tessera.IO.Csv;

namespace Tessera.Benchmarks.DataFrames;

/// <summary>
/// The CSV parsers alone, one file on one thread, into the same Arrow columns: Tessera's own
/// (tokenise, then write values straight into the bytes the Arrow buffers wrap) against Sep (the
/// fastest served parser) feeding Apache.Arrow's builders.
/// </summary>
internal static class ParserComparison
{
    public static void Run(string file, int repeats)
    {
        var layout = CsvSchemaInference.Infer([file], new CsvReadOptions());
        var bytes = File.ReadAllBytes(file);
        long ours = 0, theirs = 0;
        var own = MedianTimer.Seconds(repeats, () => ours = CsvBlockParser.Parse(bytes, layout, file, 0, fileStart: true).Batch.Length);
        var sep = MedianTimer.Seconds(repeats, () => theirs = WithSep(bytes).Length);
        if (ours != theirs)
        {
            throw new InvalidOperationException($"The parsers read {ours} and {theirs} rows.");
        }
        var mb = bytes.Length / 1e6;
        Console.WriteLine($"CSV parsers, one file ({mb:F0} MB, {ours:N0} rows) into Arrow columns, one thread, median of {repeats}:");
        Console.WriteLine("| parser | s | MB/s |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine(FormattableString.Invariant($"| Tessera (src/IO/Csv) | {own:F3} | {mb / own:F0} |"));
        Console.WriteLine(FormattableString.Invariant($"| Sep 0.18 + Arrow builders | {sep:F3} | {mb / sep:F0} |"));
    }

    private static RecordBatch WithSep(byte[] bytes)
    {
        var ids = new Int64Array.Builder();
        var names = new StringArray.Builder();
        var amounts = new Int64Array.Builder();
        using var reader = Sep.Reader(o => o with { HasHeader = true }).From(bytes);
        foreach (var row in reader)
        {
            ids.Append(row[0].Parse<long>());
            names.Append(row[1].ToString());
            amounts.Append(row[2].Parse<long>());
        }
        var idArray = ids.Build();
        var schema = new Schema.Builder().Field(f => f.Name("id").DataType(Apache.Arrow.Types.Int64Type.Default))
            .Field(f => f.Name("names").DataType(Apache.Arrow.Types.StringType.Default))
            .Field(f => f.Name("amount").DataType(Apache.Arrow.Types.Int64Type.Default)).Build();
        return new RecordBatch(schema, [idArray, names.Build(), amounts.Build()], idArray.Length);
    }
}
