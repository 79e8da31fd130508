using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tessera.DataFrames;

namespace Tessera.Samples.Tutorial;

/// <summary>
/// The DataFrame part of the Dask tutorial: account files (id, names, amount) generated as CSV,
/// read lazily in partitions, a group-by mean per name and the count of Alice's rows, a fused
/// column expression and a merge with a small table.
/// </summary>
internal static class DataFramePart
{
    private static readonly string[] Names = ["Alice", "Bob", "Charlie", "Dan", "Edith", "Frank", "George", "Hannah", "Ingrid", "Jerry"];

    public static void Run(string outDirectory, int rowsPerFile = 200_000)
    {
        Console.WriteLine();
        Console.WriteLine("== DataFrame: accounts CSV files ==");
        var folder = Path.Combine(outDirectory, "accounts");
        Generate(folder, files: 3, rowsPerFile);

        var df = DataFrame.ReadCsv(Path.Combine(folder, "accounts.*.csv"));   // lazy: types from a sample
        Console.WriteLine(df);                                                 // columns, dtypes, partitions
        Console.WriteLine(df.Head());                                          // computes the first partition only

        var watch = Stopwatch.StartNew();
        var means = df.GroupBy("names")["amount"].Mean().Compute();            // key column, then the aggregate
        Console.WriteLine($"\nmean amount per name ({watch.Elapsed.TotalSeconds:F2} s, reading the files):\n{means}");

        watch.Restart();
        long alices = df[df["names"] == "Alice"]["id"].Count().Compute();
        Console.WriteLine($"\nrows of Alice: {alices:N0} ({watch.Elapsed.TotalSeconds:F2} s)");

        // One fused kernel per partition: amount * 2 + id > 0 reads both columns once.
        var positive = (df["amount"] * 2 + df["id"] > 0).Sum().Compute();
        Console.WriteLine($"rows with amount * 2 + id > 0: {positive:N0}");

        var ages = DataFrame.FromRecords(Names.Select((n, i) => new Person(n, 20 + (i * 5))));
        var joined = df.Merge(ages, on: "names", how: JoinType.Left);
        var byAge = joined.GroupBy("age").Agg(("amount", "sum"), ("id", "count")).Compute();
        Console.WriteLine($"\ntotal amount and rows per age, after a merge with a small table:\n{byAge}");
        Console.WriteLine($"\n{df["names"].ValueCounts().Compute().Head(3)}");
    }

    private static void Generate(string folder, int files, int rows)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(7);
        var id = 0;
        for (var f = 0; f < files; f++)
        {
            var text = new StringBuilder("id,names,amount\n");
            for (var r = 0; r < rows; r++)
            {
                text.Append(id++).Append(',').Append(Names[random.Next(Names.Length)]).Append(',')
                    .Append(random.Next(-500, 5000).ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            File.WriteAllText(Path.Combine(folder, $"accounts.{f}.csv"), text.ToString());
        }
    }

    private sealed record Person(string names, long age);
}
