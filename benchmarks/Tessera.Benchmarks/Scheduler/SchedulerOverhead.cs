using System.Diagnostics;
using System.Globalization;
using Tessera.Scheduling;
using Tessera.Testing;
using static Tessera.Benchmarks.BenchmarkArgs;

namespace Tessera.Benchmarks.Scheduler;

/// <summary>
/// Per-task overhead of the threaded executor: n independent increments summed by a binary
/// tree of adds (2n − 1 tasks), the same graph run by dask's threaded scheduler in the same
/// invocation. Prints µs/task for both and the ratio.
/// Args: [--sizes 100000,1000000] [--dask-sizes 100000,1000000] [--repeats 5] [--dask-repeats 3] [--workers 2]
/// (dask needs minutes for the million-task graph, hence its own repeat count).
/// </summary>
internal sealed class SchedulerOverhead : ISideBySide
{
    public string Name => "scheduler-overhead";

    public string Description => "µs per task, threaded executor vs dask.threaded, inc + tree of adds";

    public void Run(string[] args)
    {
        var sizes = Text(args, "--sizes", "100000,1000000");
        var daskSizes = Text(args, "--dask-sizes", "100000,1000000");
        var daskRepeats = int.Parse(Text(args, "--dask-repeats", "3"), CultureInfo.InvariantCulture);
        var repeats = int.Parse(Text(args, "--repeats", "5"), CultureInfo.InvariantCulture);
        var workers = int.Parse(Text(args, "--workers", "2"), CultureInfo.InvariantCulture);
        var options = new ComputeOptions { MaxDegreeOfParallelism = workers };

        Console.WriteLine($"scheduler-overhead: {workers} workers, median of {repeats}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine($"{"system",-8} {"n",9} {"tasks",9} {"run s",9} {"us/task",9} {"build s",9} {"alloc B/task",13}");
        var ours = new Dictionary<int, double>();
        foreach (var n in Parse(sizes))
        {
            var (graph, top, buildSeconds) = Build(n);
            var times = new List<double>();
            long allocated = 0;
            for (var r = 0; r < repeats; r++)
            {
                GC.Collect();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                var result = (long)GraphRunner.Run(graph, [top], options)[0]!;
                times.Add(watch.Elapsed.TotalSeconds);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                if (result != (long)n * (n + 1) / 2)
                {
                    throw new InvalidOperationException($"wrong sum {result} for n = {n}");
                }
            }
            var median = Median(times);
            ours[n] = median * 1e6 / graph.Count;
            Console.WriteLine($"{"tessera",-8} {n,9} {graph.Count,9} {median,9:0.000} {ours[n],9:0.00} {buildSeconds,9:0.000} {allocated / graph.Count,13}");
            PrintPhases(graph, top, options);
        }

        var dask = RunDask(workers, daskRepeats, daskSizes);
        foreach (var (n, tasks, seconds) in dask)
        {
            var perTask = seconds * 1e6 / tasks;
            Console.WriteLine($"{"dask",-8} {n,9} {tasks,9} {seconds,9:0.000} {perTask,9:0.00}");
            if (ours.TryGetValue(n, out var mine))
            {
                Console.WriteLine($"ratio at n = {n}: dask µs/task ÷ tessera µs/task = {perTask / mine:0.0}×");
            }
        }
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB");
    }

    /// <summary>Where one run's time goes: optimisation passes, compilation, ordering, execution.</summary>
    private static void PrintPhases(TaskGraph graph, string top, ComputeOptions options)
    {
        var watch = Stopwatch.StartNew();
        var full = CompiledGraph.Compile(graph, [top]);
        var compile = watch.Elapsed.TotalMilliseconds;
        var compiled = GraphPasses.Apply(full, GraphPasses.Pass.All);
        var optimize = watch.Elapsed.TotalMilliseconds - compile;
        GraphOrdering.Rank(compiled);
        var rank = watch.Elapsed.TotalMilliseconds - optimize - compile;
        GraphRunner.Execute(compiled, options, out var statistics);
        var total = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine($"         phases (ms): compile {compile:0} | optimize {optimize:0} | rank {rank:0} | " +
                          $"rank+execute {total - optimize - compile - rank:0} | peak results held {statistics.PeakResultsHeld}");
    }

    internal static (TaskGraph Graph, string Top, double Seconds) Build(int n)
    {
        var watch = Stopwatch.StartNew();
        var graph = new TaskGraph();
        var level = new List<string>(n);
        for (var i = 0; i < n; i++)
        {
            var key = $"inc-{i}";
            graph.Add(key, "inc", static a => (long)a[0]! + 1, TaskArg.Literal((long)i));
            level.Add(key);
        }
        for (var depth = 1; level.Count > 1; depth++)
        {
            var next = new List<string>((level.Count + 1) / 2);
            for (var j = 0; j < level.Count; j += 2)
            {
                if (j + 1 < level.Count)
                {
                    var key = $"add-{depth}-{j / 2}";
                    graph.Add(key, "add", static a => (long)a[0]! + (long)a[1]!, TaskArg.Ref(level[j]), TaskArg.Ref(level[j + 1]));
                    next.Add(key);
                }
                else
                {
                    next.Add(level[j]);
                }
            }
            level = next;
        }
        return (graph, level[0], watch.Elapsed.TotalSeconds);
    }

    private static List<(int N, int Tasks, double Seconds)> RunDask(int workers, int repeats, string sizes)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Scheduler", "SchedulerOverheadWorkload.py");
        var code = $"import sys; sys.argv = ['w', '{workers}', '{repeats}', {string.Join(", ", Parse(sizes).Select(s => $"'{s}'"))}]; exec(open('{script}').read())";
        var rows = new List<(int, int, double)>();
        foreach (var line in PythonOracle.Run(code, TimeSpan.FromMinutes(30)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ');
            rows.Add((int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture)));
            Console.WriteLine($"(dask {f[5]}: result {f[4]})");
        }
        return rows;
    }

    private static IEnumerable<int> Parse(string csv) =>
        csv.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture));

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
