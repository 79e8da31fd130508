using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using Tessera.Bags;
using Tessera.Testing;
using static Tessera.Benchmarks.BenchmarkArgs;

namespace Tessera.Benchmarks.Bags;

/// <summary>One transaction of an accounts record.</summary>
internal sealed record BenchTransaction(
    [property: JsonPropertyName("transaction-id")] long TransactionId,
    [property: JsonPropertyName("amount")] long Amount);

/// <summary>An accounts record as the dask tutorial writes them.</summary>
internal sealed record BenchAccount(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("transactions")] List<BenchTransaction> Transactions);

/// <summary>Source-generated serialisation metadata: no reflection per record.</summary>
[JsonSerializable(typeof(BenchAccount))]
internal sealed partial class BenchJson : JsonSerializerContext;

/// <summary>
/// The bag workloads of issue 16 beside dask.bag (default scheduler and threads) on 3 gzipped
/// JSON-lines files of accounts records: count of Alice, FoldBy of transaction sums per name,
/// top 10 names by frequency. Every operation re-reads and re-parses the files on both sides.
/// Args: [--records 1000000 (per file)] [--files 3] [--repeats 3] [--dask-repeats 1]
/// [--threads N (Tessera's workers; default one per core)] [--folder /tmp/tessera-bag-bench] [--no-dask]
/// [--serial-parse | --parallel-parse (force how a file's lines are parsed; default: parallel only with fewer files than cores / 2)]
/// [--profile (time decode, line split and parse of one file on one thread, then stop)].
/// </summary>
internal sealed class BagSideBySide : ISideBySide
{
    public string Name => "bag";

    public string Description => "count / FoldBy / top-10 over gzipped JSON lines: Tessera bags vs dask.bag";

    public void Run(string[] args)
    {
        var records = Int(args, "--records", 1_000_000);
        var files = Int(args, "--files", 3);
        var repeats = Int(args, "--repeats", 3);
        var daskRepeats = Int(args, "--dask-repeats", 1);
        var folder = Text(args, "--folder", Path.Combine(Path.GetTempPath(), "tessera-bag-bench"));
        var threads = Array.IndexOf(args, "--threads") >= 0 ? Int(args, "--threads", 2) : (int?)null;
        var options = new ComputeOptions { MaxDegreeOfParallelism = threads };

        var watch = Stopwatch.StartNew();
        var paths = AccountFiles.Ensure(folder, files, records);
        var bytes = paths.Sum(p => new FileInfo(p).Length);
        Console.WriteLine($"bag side by side: {files} files x {records:N0} records ({bytes / 1e6:0.0} MB gzipped, ready in {watch.Elapsed.TotalSeconds:0.0} s), " +
            $"{Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; Tessera median of {repeats}, dask median of {daskRepeats}");

        if (args.Contains("--profile"))
        {
            BagReadProfile.Run(paths[0]);
            return;
        }
        Tessera.Bags.Plan.ReadSettings.ParallelParse = args.Contains("--serial-parse") ? false
            : args.Contains("--parallel-parse") ? true : null;
        var accounts = Bag.ReadJson(paths, BenchJson.Default.BenchAccount);
        ResetPeakRss();
        var ours = new Dictionary<string, (double Seconds, string Check, double Cpu)>
        {
            ["count-alice"] = Time(repeats, () => accounts.Where(a => a.Name == "Alice").Count().Compute(options).ToString(CultureInfo.InvariantCulture)),
            ["foldby-sum"] = Time(repeats, () => accounts
                .FoldBy(a => a.Name, (sum, a) => sum + TransactionSum(a), 0L, (x, y) => x + y)
                .Compute(options).Sum(t => t.Value).ToString(CultureInfo.InvariantCulture)),
            ["top10-names"] = Time(repeats, () => accounts.Select(a => a.Name).Frequencies().TopK(10, f => f.Count)
                .Compute(options)[0].Count.ToString(CultureInfo.InvariantCulture)),
        };
        var peak = PeakRss();
        var hand = Bag.ReadJson(paths, AccountReader.Read);
        ours["count-alice (hand reader)"] = Time(repeats, () => hand.Where(a => a.Name == "Alice").Count().Compute(options).ToString(CultureInfo.InvariantCulture));
        ours["foldby-sum (hand reader)"] = Time(repeats, () => hand
            .FoldBy(a => a.Name, (sum, a) => sum + TransactionSum(a), 0L, (x, y) => x + y)
            .Compute(options).Sum(t => t.Value).ToString(CultureInfo.InvariantCulture));
        ours["top10-names (hand reader)"] = Time(repeats, () => hand.Select(a => a.Name).Frequencies().TopK(10, f => f.Count)
            .Compute(options)[0].Count.ToString(CultureInfo.InvariantCulture));

        var dask = args.Contains("--no-dask") ? null : Python("default", daskRepeats, paths);
        var threaded = args.Contains("--no-dask") ? null : Python("threads", daskRepeats, paths);
        Console.WriteLine();
        Console.WriteLine("| operation | Tessera s | dask default s | dask threads s | vs default | vs threads | Tessera CPU s | dask default CPU s | dask threads CPU s | checks equal |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (op, (seconds, check, cpu)) in ours)
        {
            var peer = op.Split(' ')[0];
            var d = dask?[peer];
            var t = threaded?[peer];
            var same = d is null ? "-" : d.Value.Check == check && t!.Value.Check == check ? "yes" : $"NO ({check} / {d.Value.Check} / {t!.Value.Check})";
            Console.WriteLine($"| {op} | {seconds:0.000} | {Fmt(d?.Seconds)} | {Fmt(t?.Seconds)} | {Ratio(d?.Seconds, seconds)} | {Ratio(t?.Seconds, seconds)} | " +
                $"{cpu:0.00} | {Fmt(d?.Cpu, "0.00")} | {Fmt(t?.Cpu, "0.00")} | {same} |");
        }
        Console.WriteLine($"| peak RSS MiB | {peak / 1048576.0:0} | {Fmt(dask?["peak-rss"].Seconds / 1048576.0, "0")} | {Fmt(threaded?["peak-rss"].Seconds / 1048576.0, "0")} | | | | | | |");
    }

    private static long TransactionSum(BenchAccount account)
    {
        long sum = 0;
        foreach (var t in account.Transactions)
        {
            sum += t.Amount;
        }
        return sum;
    }

    private static (double, string, double) Time(int repeats, Func<string> run)
    {
        var times = new List<double>();
        var cpus = new List<double>();
        var check = "";
        for (var r = 0; r < repeats; r++)
        {
            GC.Collect();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            check = run();
            times.Add(watch.Elapsed.TotalSeconds);
            cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        }
        times.Sort();
        cpus.Sort();
        return (times[times.Count / 2], check, cpus[cpus.Count / 2]);
    }

    private static Dictionary<string, (double Seconds, string Check, double Cpu)> Python(string scheduler, int repeats, string[] paths)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Bags", "BagWorkloads.py");
        var argv = string.Join(", ", new[] { "'w'", $"'{scheduler}'", $"'{repeats}'" }.Concat(paths.Select(p => $"'{p}'")));
        var code = $"import sys; sys.argv = [{argv}]; exec(open('{script}').read())";
        return PythonOracle.Run(code, TimeSpan.FromMinutes(60))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(f => f[0], f => (double.Parse(f[1], CultureInfo.InvariantCulture), f.Length > 2 ? f[2] : "",
                f.Length > 3 ? double.Parse(f[3], CultureInfo.InvariantCulture) : double.NaN));
    }

    /// <summary>Resets the kernel's peak-RSS mark (VmHWM) so the file generation does not count.</summary>
    private static void ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine("(could not reset the peak RSS mark; it includes the file generation)");
        }
    }

    private static long PeakRss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }

    private static string Fmt(double? value, string format = "0.000") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double? theirs, double ours) => theirs is { } t ? $"{t / ours:0.0}x" : "-";
}
