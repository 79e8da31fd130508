using System.Diagnostics;
using Tessera.DataFrames;
using Tessera.IO.Parquet;

namespace Tessera.Samples.Tutorial;

/// <summary>
/// The tutorial's storage lesson: parsing CSV is slow, so write the accounts once to a binary
/// columnar format and run later queries on that. The same group-by reads the CSV files, the
/// Parquet parts (all columns, then only the two it needs) and the pandas HDF5 table.
/// </summary>
internal static class StoragePart
{
    public static void Run(string outDirectory)
    {
        Console.WriteLine();
        Console.WriteLine("== Storage: the same query over CSV, Parquet and HDF5 ==");
        var csv = Path.Combine(outDirectory, "accounts", "accounts.*.csv");   // written by the DataFrame part
        var parquet = Path.Combine(outDirectory, "accounts.parquet");
        var hdf = Path.Combine(outDirectory, "accounts.h5");

        var source = DataFrame.ReadCsv(csv);
        var watch = Stopwatch.StartNew();
        var written = source.ToParquet(parquet, new ParquetWriteOptions { Compression = ParquetCompression.Snappy });
        Console.WriteLine($"ToParquet: {written.Files.Count} files, {written.Bytes / 1e6:F1} MB, {watch.Elapsed.TotalSeconds:F2} s (reading the CSV too)");
        watch.Restart();
        written = source.ToHdf(hdf, "accounts");                               // pandas' table format: pd.read_hdf reads it
        Console.WriteLine($"ToHdf: {written.Bytes / 1e6:F1} MB, {watch.Elapsed.TotalSeconds:F2} s (reading the CSV too)");

        Time("CSV", () => DataFrame.ReadCsv(csv));
        Time("Parquet", () => DataFrame.ReadParquet(parquet));
        Time("Parquet, 2 columns", () => DataFrame.ReadParquet(parquet, ["names", "amount"]));
        Time("HDF5 table", () => DataFrame.ReadHdf(hdf, "accounts"));

        // Row groups whose min/max statistics rule the filter out are not read at all.
        var counters = new ParquetReadCounters();
        var big = DataFrame.ReadParquet(parquet, ["names", "amount"], df => df["amount"] > 4_900, new ParquetReadOptions { Counters = counters });
        Console.WriteLine($"amount > 4,900: {big.Compute().RowCount:N0} rows, {counters.RowGroupsRead} row groups read");
    }

    private static void Time(string format, Func<DataFrame> read)
    {
        read().GroupBy("names")["amount"].Mean().Compute();                    // warm-up: file cache, JIT
        var watch = Stopwatch.StartNew();
        read().GroupBy("names")["amount"].Mean().Compute();
        Console.WriteLine($"groupby('names').amount.mean() from {format}: {watch.Elapsed.TotalSeconds:F3} s");
    }
}
