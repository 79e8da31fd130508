using System.Diagnostics;
using System.Text.Json;
using Tessera.DataFrames;
using Tessera.Testing;
using static Tessera.Benchmarks.BenchmarkArgs;

namespace Tessera.Benchmarks.DataFrames;

/// <summary>
/// The index and time-series issue's speed table: on the generated example frame (1-second rows, a
/// partition per day, 30 days unless <c>--days</c>; Tessera's <c>DataFrame.Timeseries</c> and
/// <c>dask.datasets.timeseries</c>, persisted first on each side), SetIndex on the unsorted column x,
/// an hourly Resample().Mean() and a 1-minute Rolling().Mean(), each result persisted (or, for the
/// small resample, computed), in Tessera and in dask.dataframe 2022.12 (threads), in one run.
/// Args: [--days 30] [--repeats 3].
/// </summary>
internal sealed class TimeseriesSideBySide : ISideBySide
{
    public string Name => "timeseries";

    public string Description => "SetIndex (unsorted), hourly resample mean, 1-minute rolling mean on 30 days of 1 s rows: Tessera vs dask";

    public void Run(string[] args)
    {
        var days = Int(args, "--days", 30);
        var repeats = Int(args, "--repeats", 3);
        if (args.Contains("--profile"))
        {
            Profile(days, repeats);
            return;
        }
        Console.WriteLine($"timeseries side by side: {Cpu()}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"{days} days of 1-second rows ({days * 86_400:N0} rows, {days} partitions), median of {repeats} after a warm-up");
        var ours = TesseraSide(days, repeats);
        var dask = DaskSide(days, repeats);
        foreach (var key in new[] { "set-index-rows", "resample-rows", "rolling-rows" })
        {
            // dask's timeseries divisions end at `end`, one step past the last row, and its resample
            // emits one more (empty) bin there; pandas on the same rows does not, and Tessera follows pandas.
            var extra = key == "resample-rows" ? 1 : 0;
            if (ours[key] != dask[key] && ours[key] + extra != dask[key])
            {
                throw new InvalidOperationException($"The sides disagree on {key}: Tessera {ours[key]}, dask {dask[key]}.");
            }
        }
        Console.WriteLine($"(Tessera: {ours["resample-rows"]:N0} hourly bins as pandas, dask {dask["resample-rows"]:N0}; both {ours["rolling-rows"]:N0} rolling rows)");
        Console.WriteLine();
        Console.WriteLine("| query | Tessera s | dask (threads) s | Tessera speed-up |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (key, label) in new[] { ("set-index", "SetIndex(\"x\") unsorted"), ("resample", "Resample(\"1h\").Mean()"), ("rolling", "Rolling(1 min).Mean()") })
        {
            Console.WriteLine(FormattableString.Invariant($"| {label} | {ours[key]:F3} | {dask[key]:F3} | {dask[key] / ours[key]:F2}x |"));
        }
    }

    private static Dictionary<string, double> TesseraSide(int days, int repeats)
    {
        var start = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var df = DataFrame.Timeseries(start, start.AddDays(days), "1s", "1D", seed: 0).Persist();
        var numeric = df[["id", "x", "y"]];
        var result = new Dictionary<string, double>();
        DataFrame? indexed = null;
        Frame? bins = null;
        DataFrame? rolled = null;
        // Each timed run starts after a full collection: otherwise the shuffle's garbage (hundreds of
        // MB) is collected inside whichever short query runs next, and its median swings 10x.
        result["set-index"] = MedianTimer.Seconds(repeats, () => indexed = df.ResetIndex().SetIndex("x").Persist(), collectFirst: true);
        result["resample"] = MedianTimer.Seconds(repeats, () => bins = numeric.Resample("1h").Mean().Compute(), collectFirst: true);
        result["rolling"] = MedianTimer.Seconds(repeats, () => rolled = numeric.Rolling(TimeSpan.FromMinutes(1)).Mean().Persist(), collectFirst: true);
        result["set-index-rows"] = indexed!.Compute().RowCount;
        result["resample-rows"] = bins!.RowCount;
        result["rolling-rows"] = rolled!.Compute().RowCount;
        return result;
    }

    // Where Tessera's time goes: each query on one thread, and its per-partition kernels alone.
    private static void Profile(int days, int repeats)
    {
        var start = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var one = new ComputeOptions { Scheduler = SchedulerKind.Synchronous };
        var df = DataFrame.Timeseries(start, start.AddDays(days), "1s", "1D", seed: 0).Persist(one);
        var numeric = df[["id", "x", "y"]];
        var part = df.Head(86_400);
        var times = global::Tessera.DataFrames.TimeSeries.TimeIndex.Nanoseconds(part.Column(0));
        var x = global::Tessera.DataFrames.Columns.ArrowColumns.ToDoubles(part.Column(3));
        void Time(string what, Action action) => Console.WriteLine(FormattableString.Invariant($"{what}: {MedianTimer.Seconds(repeats, action):F4} s"));
        Time("1 thread: SetIndex(x)", () => df.ResetIndex().SetIndex("x", options: one).Persist(one));
        Time("1 thread: resample 1h mean", () => numeric.Resample("1h").Mean().Compute(one));
        Time("1 thread: rolling 1min mean", () => numeric.Rolling(TimeSpan.FromMinutes(1)).Mean().Persist(one));
        Time("1 thread: select id,x,y persist", () => numeric.Persist(one));
        var starts = new int[times.Length];
        var means = new double[times.Length];
        Time("1 partition: time starts", () => global::Tessera.DataFrames.TimeSeries.WindowKernels.TimeStarts(times, 60_000_000_000L, starts));
        Time("1 partition: mean kernel", () => global::Tessera.DataFrames.TimeSeries.WindowKernels.SumOrMean(x, starts, 1, means, 0, true));
        Time("1 partition: sort by x", () => global::Tessera.DataFrames.Indexing.RowSort.Sort(part, ["x"], [true]));
        Time("1 partition: concat", () => Frame.Concat([part.Slice(0, 100), part]));
        var day = DataFrame.Timeseries(start, start.AddDays(1), "1s", "1D", seed: 0).Persist(one)[["id", "x", "y"]];
        Time("1 partition: rolling 1min mean", () => day.Rolling(TimeSpan.FromMinutes(1)).Mean().Persist(one));
        Time("1 partition: rolling 60 rows mean", () => day.Rolling(60).Mean().Persist(one));
        Time("1 partition: resample", () => day.Resample("1h").Mean().Persist(one));
        Time("1 partition: cumsum", () => day.CumSum().Persist(one));
        var xkeys = global::Tessera.DataFrames.Indexing.OrderKeys.All(part.Column(3));
        Time("1 partition: sample", () => global::Tessera.DataFrames.Indexing.Divisions.Of(xkeys));
        var gen2 = GC.CollectionCount(2);
        var gen0 = GC.CollectionCount(0);
        var reset = df.ResetIndex();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var indexed = reset.SetIndex("x", options: one);
        Console.WriteLine($"SetIndex eager pass: {watch.Elapsed.TotalSeconds:F3} s");
        watch.Restart();
        indexed.Persist(one);
        Console.WriteLine($"shuffle: {watch.Elapsed.TotalSeconds:F3} s; GCs gen0 {GC.CollectionCount(0) - gen0}, gen2 {GC.CollectionCount(2) - gen2}; server GC {System.Runtime.GCSettings.IsServerGC}");
    }

    private static Dictionary<string, double> DaskSide(int days, int repeats)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "DataFrames", "TimeseriesWorkloads.py");
        var psi = new ProcessStartInfo(PythonOracle.Interpreter, [script, $"{days}", $"{repeats}"])
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
            throw new InvalidOperationException($"dask failed:\n{stderr.Result}");
        }
        var parsed = JsonSerializer.Deserialize<Dictionary<string, double>>(output.Trim().Split('\n').Last())!;
        return parsed;
    }

    private static string Cpu() => File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";
}
