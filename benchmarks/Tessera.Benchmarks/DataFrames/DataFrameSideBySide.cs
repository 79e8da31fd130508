using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tessera.DataFrames;
using Tessera.Testing;
using static Tessera.Benchmarks.BenchmarkArgs;

namespace Tessera.Benchmarks.DataFrames;

/// <summary>
/// The DataFrame issue's speed table: over 3 generated CSV files in the tutorial's accounts shape
/// (<c>id,names,amount</c>, 1,000,000 rows each unless <c>--rows</c>), <c>groupby('names').amount.mean()</c>
/// and the count of rows whose name is Alice, each query reading the files, in Tessera, pandas 1.5,
/// dask.dataframe (threads) and DuckDB (DuckDB.NET.Data.Full). Every side runs in its own process,
/// so each one's peak RSS is its own. Then the CSV parsers alone: Tessera's (filling Arrow column
/// bytes directly) against Sep filling Arrow builders, one file on one thread.
/// Args: [--rows 1000000] [--repeats 3] [--threads 2] [--side tessera|duckdb (child runs)|profile|parser].
/// </summary>
internal sealed class DataFrameSideBySide : ISideBySide
{
    public string Name => "dataframe";

    public string Description => "read_csv + groupby mean / filter count over 3 CSV files: Tessera vs pandas vs dask vs DuckDB";

    public void Run(string[] args)
    {
        var rows = Int(args, "--rows", 1_000_000);
        var repeats = Int(args, "--repeats", 3);
        var threads = Int(args, "--threads", 2);
        var glob = AccountFiles.Ensure(rows);
        if (Value(args, "--side") is { } side)
        {
            Console.WriteLine(JsonSerializer.Serialize(side switch
            {
                "duckdb" => DuckDbSide.Run(glob, repeats),
                "profile" => Profile(glob, repeats, threads),
                "parser" => Parser(glob, repeats),
                _ => TesseraSide(glob, repeats, threads),
            }));
            return;
        }
        Console.WriteLine($"dataframe side by side: {Cpu()}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"3 files x {rows:N0} rows ({new FileInfo(glob.Replace("*", "0", StringComparison.Ordinal)).Length * 3 / 1e6:F0} MB), median of {repeats} after a warm-up; every query reads the files");
        var results = new Dictionary<string, Dictionary<string, double>>
        {
            ["Tessera"] = Child(args, "tessera", rows, repeats, threads),
            ["pandas"] = Python(glob, "pandas", repeats),
            ["dask (threads)"] = Python(glob, "dask", repeats),
            ["DuckDB"] = Child(args, "duckdb", rows, repeats, threads),
        };
        var alice = results.Values.Select(r => r["alice-count"]).Distinct().ToArray();
        if (alice.Length != 1)
        {
            throw new InvalidOperationException($"The sides disagree on the Alice count: {string.Join(", ", results.Select(r => $"{r.Key} {r.Value["alice-count"]}"))}.");
        }
        Console.WriteLine($"(every side counted {alice[0]:N0} Alices)");
        Console.WriteLine();
        Console.WriteLine("| side | groupby mean s | Alice count s | peak RSS MiB | Tessera speed-up (groupby / count) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var ours = results["Tessera"];
        foreach (var (name, r) in results)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"| {name} | {r["groupby"]:F3} | {r["alice"]:F3} | {r["rss-kib"] / 1024:F0} | {r["groupby"] / ours["groupby"]:F2}x / {r["alice"] / ours["alice"]:F2}x |"));
        }
        Console.WriteLine();
        ParserComparison.Run(glob.Replace("*", "0", StringComparison.Ordinal), repeats);
    }

    private static Dictionary<string, double> TesseraSide(string glob, int repeats, int threads)
    {
        var options = new ComputeOptions { MaxDegreeOfParallelism = threads };
        long alices = 0;
        var groupby = MedianTimer.Seconds(repeats, () => DataFrame.ReadCsv(glob).GroupBy("names")["amount"].Mean().Compute(options));
        var alice = MedianTimer.Seconds(repeats, () =>
        {
            var df = DataFrame.ReadCsv(glob);
            alices = df[df["names"] == "Alice"]["id"].Count().Compute(options);
        });
        return new() { ["groupby"] = groupby, ["alice"] = alice, ["alice-count"] = alices, ["rss-kib"] = PeakRssKiB() };
    }

    // Where Tessera's time goes: the read alone, and each query over persisted partitions.
    private static Dictionary<string, double> Profile(string glob, int repeats, int threads)
    {
        var options = new ComputeOptions { MaxDegreeOfParallelism = threads };
        var one = new ComputeOptions { Scheduler = SchedulerKind.Synchronous };
        var files = global::Tessera.IO.Csv.CsvFiles.Expand(glob);
        var layout = global::Tessera.IO.Csv.CsvSchemaInference.Infer(files, new global::Tessera.IO.Csv.CsvReadOptions());
        var blocks = global::Tessera.IO.Csv.CsvFiles.Blocks(files, new global::Tessera.IO.Csv.CsvReadOptions().BlockSize);
        var direct = MedianTimer.Seconds(repeats, () =>
        {
            foreach (var block in blocks)
            {
                global::Tessera.IO.Csv.CsvBlockParser.Read(block, layout);
            }
        });
        var read = MedianTimer.Seconds(repeats, () => DataFrame.ReadCsv(glob).Persist(options));
        var readOne = MedianTimer.Seconds(repeats, () => DataFrame.ReadCsv(glob).Persist(one));
        var df = DataFrame.ReadCsv(glob).Persist(options);
        var groupby = MedianTimer.Seconds(repeats, () => df.GroupBy("names")["amount"].Mean().Compute(one));
        var alice = MedianTimer.Seconds(repeats, () => df[df["names"] == "Alice"]["id"].Count().Compute(one));
        return new() { ["parse-blocks-directly-1-thread"] = direct, ["read"] = read, ["read-1-thread"] = readOne, ["groupby-1-thread"] = groupby, ["alice-1-thread"] = alice };
    }

    // The CSV parser alone: every file's bytes (already in memory) parsed on one thread, and the
    // width of the vectors its field-end masks use here (512, 256, 128, or 0 for byte by byte): run
    // it under DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0 or DOTNET_EnableHWIntrinsic=0 to compare.
    private static Dictionary<string, double> Parser(string glob, int repeats)
    {
        var files = global::Tessera.IO.Csv.CsvFiles.Expand(glob);
        var layout = global::Tessera.IO.Csv.CsvSchemaInference.Infer(files, new global::Tessera.IO.Csv.CsvReadOptions());
        var plain = global::Tessera.IO.Csv.CsvSchemaInference.Infer(files, new global::Tessera.IO.Csv.CsvReadOptions { DictionaryEncodeStrings = false });
        var contents = files.Select(File.ReadAllBytes).ToArray();
        void ParseAll(global::Tessera.IO.Csv.CsvLayout with)
        {
            for (var i = 0; i < files.Count; i++)
            {
                global::Tessera.IO.Csv.CsvBlockParser.Parse(contents[i], with, files[i], 0, fileStart: true);
            }
        }
        var seconds = MedianTimer.Seconds(repeats, () => ParseAll(layout));
        // String columns as codes against plain strings, alternated in this one process so both see
        // the same load: median wall seconds and process CPU seconds per parse of every file.
        var (codedWall, codedCpu, plainWall, plainCpu) = Alternate(repeats, () => ParseAll(layout), () => ParseAll(plain));
        var width = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? 512
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? 256
            : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? 128 : 0;
        return new()
        {
            ["parse-1-thread"] = seconds,
            ["mb-per-s"] = contents.Sum(c => c.Length) / 1e6 / seconds,
            ["vector-bits"] = width,
            ["coded-wall"] = codedWall,
            ["coded-cpu"] = codedCpu,
            ["plain-wall"] = plainWall,
            ["plain-cpu"] = plainCpu,
        };
    }

    private static (double AWall, double ACpu, double BWall, double BCpu) Alternate(int repeats, Action a, Action b)
    {
        a();
        b();
        var times = new List<double>[] { [], [], [], [] };
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < repeats; i++)
        {
            for (var which = 0; which < 2; which++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                (which == 0 ? a : b)();
                times[which * 2].Add(watch.Elapsed.TotalSeconds);
                process.Refresh();
                times[(which * 2) + 1].Add((process.TotalProcessorTime - cpu).TotalSeconds);
            }
        }
        var medians = times.Select(t => t.Order().ElementAt(t.Count / 2)).ToArray();
        return (medians[0], medians[1], medians[2], medians[3]);
    }

    private static Dictionary<string, double> Child(string[] args, string side, int rows, int repeats, int threads)
    {
        var self = Environment.ProcessPath!;
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            arguments.Add(typeof(DataFrameSideBySide).Assembly.Location);
        }
        arguments.AddRange(["side-by-side", "dataframe", "--side", side, "--rows", $"{rows}", "--repeats", $"{repeats}", "--threads", $"{threads}"]);
        var psi = new ProcessStartInfo(self, arguments) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The {side} run failed ({process.ExitCode}):\n{output}");
        }
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{'));
        return JsonSerializer.Deserialize<Dictionary<string, double>>(line)!;
    }

    private static Dictionary<string, double> Python(string glob, string side, int repeats)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "DataFrames", "DataFrameWorkloads.py");
        var psi = new ProcessStartInfo(PythonOracle.Interpreter, [script, glob, side, $"{repeats}"])
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
            throw new InvalidOperationException($"{side} failed:\n{stderr.Result}");
        }
        return JsonSerializer.Deserialize<Dictionary<string, double>>(output.Trim().Split('\n').Last())!;
    }

    internal static double PeakRssKiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }
        return double.NaN;
    }

    private static string Cpu() => File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";

}

/// <summary>The benchmark's input: 3 account files, generated once per row count into the temp folder.</summary>
internal static class AccountFiles
{
    private static readonly string[] Names = ["Alice", "Bob", "Charlie", "Dan", "Edith", "Frank", "George", "Hannah", "Ingrid", "Jerry", "Kevin", "Laura", "Michael", "Norbert", "Oliver", "Patricia", "Quinn", "Ray", "Sarah", "Tim", "Ursula", "Victor", "Wendy", "Xavier", "Yvonne", "Zelda"];

    public static string Ensure(int rows)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"tessera-accounts-{rows}");
        Directory.CreateDirectory(folder);
        var random = new Random(42);
        var id = 0;
        for (var f = 0; f < 3; f++)
        {
            var path = Path.Combine(folder, $"accounts.{f}.csv");
            if (File.Exists(path))
            {
                continue;
            }
            using var writer = new StreamWriter(path + ".tmp", false, new UTF8Encoding(false), 1 << 20);
            writer.Write("id,names,amount\n");
            for (var r = 0; r < rows; r++)
            {
                writer.Write(id++);
                writer.Write(',');
                writer.Write(Names[random.Next(Names.Length)]);
                writer.Write(',');
                writer.Write(random.Next(-500, 5000));
                writer.Write('\n');
            }
            writer.Close();
            File.Move(path + ".tmp", path);
        }
        return Path.Combine(folder, "accounts.*.csv");
    }
}
