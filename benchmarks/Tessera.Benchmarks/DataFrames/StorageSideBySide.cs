using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Tessera.DataFrames;
using Tessera.IO.Parquet;
using Tessera.Testing;
using static Tessera.Benchmarks.BenchmarkArgs;

namespace Tessera.Benchmarks.DataFrames;

/// <summary>
/// The tutorial's storage lesson (issue #18) in one run: the 3 accounts CSV files (1,000,000 rows
/// each unless <c>--rows</c>) are read once and written to Parquet (snappy) and to pandas' HDF5
/// table; then the same <c>groupby('names').amount.mean()</c> runs reading each format. Beside
/// it: dask.dataframe's read_hdf (threads) and read_csv on the same files, pandas' read_hdf, and
/// DuckDB's read_parquet and read_csv_auto (DuckDB.NET.Data.Full). Then the two served Parquet
/// libraries side by side (<see cref="ParquetLibraries"/>).
/// Args: [--rows 1000000] [--repeats 3] [--threads 2] [--no-libraries]; --profile, --stages or --whole
/// time parts of the Parquet query instead (after a full run has written the files).
/// </summary>
internal sealed class StorageSideBySide : ISideBySide
{
    public string Name => "storage";

    public string Description => "CSV vs Parquet vs HDF5 for groupby mean: Tessera, dask, pandas, DuckDB; write throughput; ParquetSharp vs Parquet.Net";

    public void Run(string[] args)
    {
        var rows = Int(args, "--rows", 1_000_000);
        var repeats = Int(args, "--repeats", 3);
        var threads = Int(args, "--threads", 2);
        var glob = AccountFiles.Ensure(rows);
        var folder = Path.Combine(Path.GetTempPath(), $"tessera-storage-{rows}");
        var parquet = Path.Combine(folder, "accounts.parquet");
        var hdf = Path.Combine(folder, "accounts.h5");
        Directory.CreateDirectory(folder);
        var options = new ComputeOptions { MaxDegreeOfParallelism = threads };
        if (args.Contains("--whole"))
        {
            ParquetStages.Whole(parquet, repeats, options);
            return;
        }
        if (args.Contains("--stages"))
        {
            ParquetStages.Run(parquet, repeats, options);
            return;
        }
        if (args.Contains("--profile"))
        {
            Profile(parquet, hdf, glob, repeats, options);
            return;
        }
        var csvBytes = Directory.GetFiles(Path.GetDirectoryName(glob)!, Path.GetFileName(glob)).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"storage side by side: {Environment.ProcessorCount} cores, {threads} worker threads, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"3 CSV files x {rows:N0} rows ({csvBytes / 1e6:F0} MB); medians of {repeats} after a warm-up");

        // Writes from partitions already in memory, so only the encoding and the disk are timed.
        var source = DataFrame.ReadCsv(glob).Persist(options);
        WriteResult? pq = null, pqZstd = null, h5 = null;
        var writeParquet = MedianTimer.Seconds(repeats, () => pq = source.ToParquet(parquet, new ParquetWriteOptions(), options));
        var writeZstd = MedianTimer.Seconds(repeats, () => pqZstd = source.ToParquet(parquet + ".zstd", new ParquetWriteOptions { Compression = ParquetCompression.Zstd }, options));
        var writeHdf = MedianTimer.Seconds(repeats, () => h5 = source.ToHdf(hdf, "accounts", 0, options));
        var readCsv = MedianTimer.Seconds(repeats, () => DataFrame.ReadCsv(glob).Persist(options));

        Frame? csvMeans = null, parquetMeans = null, hdfMeans = null;
        var csv = MedianTimer.Seconds(repeats, () => csvMeans = DataFrame.ReadCsv(glob).GroupBy("names")["amount"].Mean().Compute(options));
        var fromParquet = MedianTimer.Seconds(repeats, () => parquetMeans = DataFrame.ReadParquet(parquet).GroupBy("names")["amount"].Mean().Compute(options));
        var fromParquetProjected = MedianTimer.Seconds(repeats, () => DataFrame.ReadParquet(parquet, ["names", "amount"]).GroupBy("names")["amount"].Mean().Compute(options));
        var fromHdf = MedianTimer.Seconds(repeats, () => hdfMeans = DataFrame.ReadHdf(hdf, "accounts").GroupBy("names")["amount"].Mean().Compute(options));
        var (duckParquet, duckCsv, duckMeans) = DuckDb(parquet, glob, repeats);
        var python = Python(glob, hdf, repeats);
        Check(csvMeans!, parquetMeans!, hdfMeans!, duckMeans, python.GetProperty("means"));

        Console.WriteLine();
        Console.WriteLine("| reader | groupby mean s | speed-up over Tessera CSV |");
        Console.WriteLine("|---|---:|---:|");
        void Row(string name, double seconds) => Console.WriteLine(FormattableString.Invariant($"| {name} | {seconds:F3} | {csv / seconds:F2}x |"));
        Row("Tessera ReadCsv", csv);
        Row("Tessera ReadParquet", fromParquet);
        Row("Tessera ReadParquet (names, amount)", fromParquetProjected);
        Row("Tessera ReadHdf", fromHdf);
        Row("dask read_csv (threads)", python.GetProperty("dask-csv").GetDouble());
        Row("dask read_hdf (threads)", python.GetProperty("dask-hdf").GetDouble());
        Row("pandas read_hdf", python.GetProperty("pandas-hdf").GetDouble());
        Row("DuckDB read_csv_auto", duckCsv);
        Row("DuckDB read_parquet", duckParquet);
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"Tessera ReadHdf vs dask read_hdf: {python.GetProperty("dask-hdf").GetDouble() / fromHdf:F2}x; Tessera ReadParquet vs DuckDB read_parquet: {fromParquet / duckParquet:F2}x DuckDB's time"));
        Console.WriteLine();
        Console.WriteLine("| write (3M rows from memory) | s | file MB | MB/s written | Mrows/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        void Write(string name, double seconds, WriteResult result) => Console.WriteLine(FormattableString.Invariant(
            $"| {name} | {seconds:F3} | {result.Bytes / 1e6:F1} | {result.Bytes / 1e6 / seconds:F0} | {result.Rows / 1e6 / seconds:F1} |"));
        Write("ToParquet snappy", writeParquet, pq!);
        Write("ToParquet zstd", writeZstd, pqZstd!);
        Write("ToHdf (table, uncompressed)", writeHdf, h5!);
        Console.WriteLine(FormattableString.Invariant($"| (ReadCsv into memory, for scale) | {readCsv:F3} | {csvBytes / 1e6:F1} | {csvBytes / 1e6 / readCsv:F0} read | {source.NPartitions} partitions |"));

        if (!args.Contains("--no-libraries"))
        {
            Console.WriteLine();
            ParquetLibraries.Run(folder, repeats);
        }
    }

    // Where a Parquet or HDF5 query's time goes: the read into memory, then the group-by over it (needs a full run first for the files).
    private static void Profile(string parquet, string hdf, string glob, int repeats, ComputeOptions options)
    {
        var fromCsv = DataFrame.ReadCsv(glob).Persist(options);
        var fromParquet = DataFrame.ReadParquet(parquet).Persist(options);
        var fromHdf = DataFrame.ReadHdf(hdf, "accounts").Persist(options);
        var single = new ComputeOptions { Scheduler = SchedulerKind.Synchronous };
        for (var round = 0; round < 2; round++)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"group-by, 1 thread, over partitions read from CSV {MedianTimer.Seconds(repeats, () => fromCsv.GroupBy("names")["amount"].Mean().Compute(single)):F3} s, Parquet {MedianTimer.Seconds(repeats, () => fromParquet.GroupBy("names")["amount"].Mean().Compute(single)):F3} s, HDF5 {MedianTimer.Seconds(repeats, () => fromHdf.GroupBy("names")["amount"].Mean().Compute(single)):F3} s"));
        }
        for (var round = 0; round < 2; round++)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"parquet query, {options.MaxDegreeOfParallelism} threads: every column {MedianTimer.Seconds(repeats, () => DataFrame.ReadParquet(parquet).GroupBy("names")["amount"].Mean().Compute(options)):F3} s, names and amount {MedianTimer.Seconds(repeats, () => DataFrame.ReadParquet(parquet, ["names", "amount"]).GroupBy("names")["amount"].Mean().Compute(options)):F3} s; read alone: every column {MedianTimer.Seconds(repeats, () => DataFrame.ReadParquet(parquet).Persist(options)):F3} s, names and amount {MedianTimer.Seconds(repeats, () => DataFrame.ReadParquet(parquet, ["names", "amount"]).Persist(options)):F3} s, id {MedianTimer.Seconds(repeats, () => DataFrame.ReadParquet(parquet, ["id"]).Persist(options)):F3} s"));
        }
        var one = new ComputeOptions { Scheduler = SchedulerKind.Synchronous };
        var files = ParquetFiles.Expand(parquet).Select(ParquetFileInfo.Read).ToArray();
        var direct = MedianTimer.Seconds(repeats, () =>
        {
            foreach (var file in files)
            {
                ParquetChunkReader.Read(file.Path, [0], null, dictionaryColumns: file.RowGroups[0].DictionaryColumns);
            }
        });
        var footers = MedianTimer.Seconds(repeats, () => ParquetFiles.Expand(parquet).Select(ParquetFileInfo.Read).ToArray());
        var build = MedianTimer.Seconds(repeats, () => DataFrame.ReadParquet(parquet).GroupBy("names")["amount"].Mean());
        Console.WriteLine(FormattableString.Invariant($"parquet: footers of {files.Length} files {footers:F4} s; building the lazy query (footers included) {build:F4} s"));
        var directStrings = MedianTimer.Seconds(repeats, () =>
        {
            foreach (var file in files)
            {
                ParquetChunkReader.Read(file.Path, [0], null);
            }
        });
        var read = MedianTimer.Seconds(repeats, () => DataFrame.ReadParquet(parquet).Persist(options));
        var readOne = MedianTimer.Seconds(repeats, () => DataFrame.ReadParquet(parquet).Persist(one));
        var persisted = DataFrame.ReadParquet(parquet).Persist(options);
        var groupby = MedianTimer.Seconds(repeats, () => persisted.GroupBy("names")["amount"].Mean().Compute(one));
        var hdfRead = MedianTimer.Seconds(repeats, () => DataFrame.ReadHdf(hdf, "accounts").Persist(options));
        Console.WriteLine(FormattableString.Invariant(
            $"parquet: chunk reader alone, 1 thread {direct:F3} s (strings as strings, not codes: {directStrings:F3} s); ReadParquet persisted {read:F3} s ({readOne:F3} s on 1 thread); group-by over persisted partitions, 1 thread {groupby:F3} s; ReadHdf persisted {hdfRead:F3} s"));
    }

    private static (double Parquet, double Csv, Dictionary<string, double> Means) DuckDb(string parquet, string glob, int repeats)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var means = new Dictionary<string, double>();
        void Query(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            means.Clear();
            while (reader.Read())
            {
                means[reader.GetString(0)] = reader.GetDouble(1);
            }
        }
        var csv = MedianTimer.Seconds(repeats, () => Query($"SELECT names, avg(amount) FROM read_csv_auto('{glob}') GROUP BY names"));
        var pq = MedianTimer.Seconds(repeats, () => Query($"SELECT names, avg(amount) FROM read_parquet('{parquet}/*.parquet') GROUP BY names"));
        return (pq, csv, means);
    }

    // Every reader must give the same 26 means, or the timings compare different work.
    private static void Check(Frame csv, Frame parquet, Frame hdf, Dictionary<string, double> duck, JsonElement dask)
    {
        foreach (var (name, frame) in new[] { ("Parquet", parquet), ("HDF5", hdf) })
        {
            for (var r = 0; r < csv.RowCount; r++)
            {
                var key = (string)csv.GetValue("names", r)!;
                var expected = (double)csv.GetValue("amount", r)!;
                Agree($"Tessera {name}", key, expected, (double)frame.GetValue("amount", r)!);
                Agree("DuckDB", key, expected, duck[key]);
                Agree("dask read_hdf", key, expected, dask.GetProperty(key).GetDouble());
            }
        }
    }

    private static void Agree(string side, string key, double expected, double actual)
    {
        if (Math.Abs(expected - actual) > 1e-9 * Math.Max(1, Math.Abs(expected)))
        {
            throw new InvalidOperationException($"{side} disagrees with Tessera's CSV read on '{key}': {actual} against {expected}.");
        }
    }

    private static JsonElement Python(string glob, string hdf, int repeats)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "DataFrames", "StorageWorkloads.py");
        var psi = new ProcessStartInfo(PythonOracle.Interpreter, [script, glob, hdf, "accounts", $"{repeats}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"StorageWorkloads.py failed:\n{stderr.Result}");
        }
        return JsonDocument.Parse(output.Trim().Split('\n').Last()).RootElement;
    }
}
