using System.Diagnostics;
using System.Text.Json;
using Apache.Arrow;
using Tessera.DataFrames;
using Tessera.DataFrames.Grouping;
using Tessera.DataFrames.Shuffle;
using Tessera.Testing;
using static Tessera.Benchmarks.BenchmarkArgs;

namespace Tessera.Benchmarks.DataFrames;

/// <summary>
/// The shuffle issue's group-by table: a sum by an int64 key with 1 M distinct values (2 M rows,
/// each key twice, 8 partitions, persisted first on each side), its result persisted, with the
/// partials merged into one partition (splitOut 1, dask's split_out=1) and shuffled by key into 8
/// (splitOut 8, split_out=8), in Tessera and in dask.dataframe 2022.12 (threads), in one run.
/// Args: [--rows 2000000] [--keys 1000000] [--partitions 8] [--split-out 8] [--repeats 3].
/// </summary>
internal sealed class GroupByShuffleSideBySide : ISideBySide
{
    public string Name => "groupby-shuffle";

    public string Description => "GroupBy sum over 1 M distinct keys, split_out 1 vs 8: Tessera vs dask";

    public void Run(string[] args)
    {
        var rows = Int(args, "--rows", 2_000_000);
        var keys = Int(args, "--keys", 1_000_000);
        var partitions = Int(args, "--partitions", 8);
        var splitOut = Int(args, "--split-out", 8);
        var repeats = Int(args, "--repeats", 3);
        if (args.Contains("--profile"))
        {
            Profile(Data(rows, keys), partitions, splitOut, repeats);
            return;
        }
        Console.WriteLine($"groupby-shuffle side by side: {Cpu()}, {Environment.ProcessorCount} cores, load {Load()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"{rows:N0} rows, {keys:N0} distinct int64 keys, {partitions} partitions; median of {repeats} after a warm-up");
        var ours = TesseraSide(rows, keys, partitions, splitOut, repeats);
        var dask = DaskSide(rows, keys, partitions, splitOut, repeats);
        foreach (var key in new[] { "tree-groups", "split-groups" })
        {
            if (ours[key] != dask[key])
            {
                throw new InvalidOperationException($"The sides disagree on {key}: Tessera {ours[key]}, dask {dask[key]}.");
            }
        }
        Console.WriteLine();
        Console.WriteLine("| query | Tessera s | dask (threads) s | Tessera speed-up |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (key, label) in new[] { ("tree", "GroupBy(\"k\")[\"v\"].Sum(splitOut: 1)"), ("split", $"GroupBy(\"k\")[\"v\"].Sum(splitOut: {splitOut})") })
        {
            Console.WriteLine(FormattableString.Invariant($"| {label} | {ours[key]:F3} | {dask[key]:F3} | {dask[key] / ours[key]:F2}x |"));
        }
        Console.WriteLine($"(load after: {Load()})");
    }

    private static Dictionary<string, double> TesseraSide(int rows, int keys, int partitions, int splitOut, int repeats)
    {
        var df = DataFrame.FromFrame(Data(rows, keys), partitions).Persist();
        var result = new Dictionary<string, double>();
        foreach (var (name, n) in new[] { ("tree", 1), ("split", splitOut) })
        {
            DataFrame? persisted = null;
            result[name] = MedianTimer.Seconds(repeats, () => persisted = df.GroupBy("k")["v"].Sum(splitOut: n).Persist());
            result[name + "-groups"] = persisted!.Compute().RowCount;
        }
        return result;
    }

    // Where Tessera's time goes: the whole query on one thread, then each step on one partition.
    private static void Profile(Frame frame, int partitions, int splitOut, int repeats)
    {
        var one = new ComputeOptions { Scheduler = SchedulerKind.Synchronous };
        var df = DataFrame.FromFrame(frame, partitions).Persist(one);
        void Time(string what, Action action) => Console.WriteLine(FormattableString.Invariant($"{what}: {MedianTimer.Seconds(repeats, action):F4} s"));
        Time("1 thread: splitOut 1", () => df.GroupBy("k")["v"].Sum(splitOut: 1).Persist(one));
        Time($"1 thread: splitOut {splitOut}", () => df.GroupBy("k")["v"].Sum(splitOut: splitOut).Persist(one));
        var part = frame.Slice(0, frame.RowCount / partitions);
        string[] keys = ["k"];
        AggSpec[] specs = [new("v", AggKind.Sum, "v")];
        var partitioner = new HashPartitioner(keys, splitOut);
        Time("1 partition: hash split", () => partitioner.Group(part));
        var (grouped, starts) = partitioner.Group(part);
        Time("1 partition: chunk whole", () => GroupPartial.Chunk(part, keys, specs));
        Time("1 partition: chunk 8 pieces", () =>
        {
            for (var j = 0; j < splitOut; j++)
            {
                GroupPartial.Chunk(grouped.Slice(starts[j], starts[j + 1] - starts[j]), keys, specs);
            }
        });
        var whole = GroupPartial.Chunk(part, keys, specs);
        var schema = new Apache.Arrow.Schema([new("k", Apache.Arrow.Types.Int64Type.Default, true), new("v", Apache.Arrow.Types.Int64Type.Default, true)], null);
        Time("1 partition: finish whole partial", () => whole.Finish(keys, [Apache.Arrow.Types.Int64Type.Default], specs, schema));
        Time("1 partition: combine 2 whole partials", () => GroupPartial.Combine([GroupPartial.Chunk(part, keys, specs), whole]));
    }

    private static Frame Data(int rows, int keys)
    {
        // The same shape as the dask side (each key rows/keys times, shuffled), not the same draw.
        var random = new Random(0);
        var k = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            k[i] = i % keys;
        }
        random.Shuffle(k);
        var v = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            v[i] = random.Next(-100, 100);
        }
        return Frame.FromColumns(("k", new Int64Array.Builder().AppendRange(k).Build()), ("v", new Int64Array.Builder().AppendRange(v).Build()));
    }

    private static Dictionary<string, double> DaskSide(int rows, int keys, int partitions, int splitOut, int repeats)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "DataFrames", "GroupByShuffleWorkloads.py");
        var psi = new ProcessStartInfo(PythonOracle.Interpreter, [script, $"{rows}", $"{keys}", $"{partitions}", $"{splitOut}", $"{repeats}"])
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
        return JsonSerializer.Deserialize<Dictionary<string, double>>(output.Trim().Split('\n').Last())!;
    }

    private static string Cpu() => File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
