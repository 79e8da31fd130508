using System.Diagnostics;
using System.Globalization;
using Tessera.Arrays;
using Tessera.Distributed;
using Tessera.Scheduling;
using Tessera.Testing;
using static Tessera.Benchmarks.BenchmarkArgs;

namespace Tessera.Benchmarks.Distributed;

/// <summary>
/// Tessera's LocalCluster against dask.distributed's, both with 2 worker processes of 1 thread:
/// per-task cost of Submit + Gather of increments, the sum of an array of many chunks, and the
/// increment tree of the scheduler benchmark run as one graph. Prints µs per task and the ratio.
/// Args: [--futures 10000] [--chunks 10000] [--chunk 1000] [--tree 100000] [--repeats 3]
/// </summary>
internal sealed class DistributedSideBySide : ISideBySide
{
    public string Name => "distributed";

    public string Description => "LocalCluster 2×1 thread vs dask.distributed: submit+gather, array sum, task tree";

    public void Run(string[] args)
    {
        var futures = Int(args, "--futures", 10_000);
        var chunks = Int(args, "--chunks", 10_000);
        var chunk = Int(args, "--chunk", 1_000);
        var treeSize = Int(args, "--tree", 100_000);
        var repeats = Int(args, "--repeats", 3);
        Console.WriteLine($"distributed: 2 workers × 1 thread, median of {repeats}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        var ours = RunTessera(futures, chunks, chunk, treeSize, repeats).GetAwaiter().GetResult();
        var dask = RunDask(futures, chunks, chunk, treeSize, repeats);
        Console.WriteLine($"{"workload",-10} {"tasks",8} {"tessera s",10} {"µs/task",9} {"dask s",10} {"µs/task",9} {"ratio",7}");
        foreach (var (workload, tasks, seconds) in ours)
        {
            var match = dask.FirstOrDefault(d => d.Workload == workload);
            var perTask = seconds * 1e6 / tasks;
            var daskPerTask = match.Seconds * 1e6 / Math.Max(1, match.Tasks);
            Console.WriteLine($"{workload,-10} {tasks,8} {seconds,10:0.000} {perTask,9:0.0} {match.Seconds,10:0.000} {daskPerTask,9:0.0} {daskPerTask / perTask,6:0.0}×");
        }
    }

    private static async Task<List<(string Workload, int Tasks, double Seconds)>> RunTessera(int futures, int chunks, int chunk, int treeSize, int repeats)
    {
        var rows = new List<(string, int, double)>();
        await using var cluster = await LocalCluster.StartAsync(new LocalClusterOptions { Workers = 2, ThreadsPerWorker = 1 });
        await using var client = await Client.ConnectAsync(cluster);
        while (client.WorkerCount < 2)
        {
            await Task.Delay(50);
        }
        await client.GatherAsync(client.Map(Inc, Enumerable.Range(0, 100))); // warm up, as dask's side

        var seconds = await MedianAsync(repeats, async () =>
        {
            var fs = new List<Future<int>>(futures);
            for (var i = 0; i < futures; i++)
            {
                fs.Add(client.Submit(Inc, i));
            }
            var sum = (await client.GatherAsync(fs)).Sum(v => (long)v);
            Check(sum == ((long)futures * (futures + 1) / 2), $"futures sum {sum}");
        });
        rows.Add(("futures", futures, seconds));

        var x = BlockedArray.Arange<double>((long)chunks * chunk, [chunk]);
        var options = new ComputeOptions { Client = client };
        var total = (double)chunks * chunk;
        seconds = await MedianAsync(repeats, () =>
        {
            var sum = x.Sum().Compute(options);
            Check(sum == total * (total - 1) / 2, $"array sum {sum}");
            return Task.CompletedTask;
        });
        rows.Add(("array-sum", chunks, seconds));

        if (treeSize > 0)
        {
            var (graph, top) = Tree(treeSize);
            seconds = await MedianAsync(1, () =>
            {
                var sum = (long)GraphRunner.Run(graph, [top], options)[0]!;
                Check(sum == (long)treeSize * (treeSize + 1) / 2, $"tree sum {sum}");
                return Task.CompletedTask;
            });
            rows.Add(("tree", graph.Count, seconds));
        }
        return rows;
    }

    private static int Inc(int x) => x + 1;

    private static (TaskGraph Graph, string Top) Tree(int n)
    {
        var graph = new TaskGraph();
        var level = new List<string>(n);
        for (var i = 0; i < n; i++)
        {
            graph.Add($"inc-{i}", "inc", static a => (long)a[0]! + 1, TaskArg.Literal((long)i));
            level.Add($"inc-{i}");
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
        return (graph, level[0]);
    }

    private static List<(string Workload, int Tasks, double Seconds)> RunDask(int futures, int chunks, int chunk, int treeSize, int repeats)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Distributed", "DistributedWorkload.py");
        var code = $"import sys, runpy; sys.argv = ['w', '{futures}', '{chunks}', '{chunk}', '{treeSize}', '{repeats}']; runpy.run_path('{script}', run_name='__main__')";
        var rows = new List<(string, int, double)>();
        foreach (var line in PythonOracle.Run(code, TimeSpan.FromMinutes(30)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ');
            if (f.Length < 5)
            {
                continue;
            }
            rows.Add((f[0], int.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture)));
            Console.WriteLine($"(dask.distributed {f[4]}: {f[0]} gave {f[3]})");
        }
        return rows;
    }

    private static async Task<double> MedianAsync(int repeats, Func<Task> run)
    {
        var times = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalSeconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"wrong result: {what}");
        }
    }
}
