using System.Diagnostics;
using Tessera.Diagnostics;

namespace Tessera.Samples.Tutorial;

/// <summary>
/// The Delayed part of the Dask tutorial: slow inc and add calls over a list, run lazily and
/// in parallel, summed, with a progress bar, a profile and the graph as a picture.
/// </summary>
internal static class DelayedPart
{
    private static readonly TimeSpan Work = TimeSpan.FromMilliseconds(100);

    private static int Inc(int x)
    {
        Thread.Sleep(Work); // stands for real work: I/O, a model call, a chunk of numbers
        return x + 1;
    }

    private static int Add(int x, int y)
    {
        Thread.Sleep(Work);
        return x + y;
    }

    public static void Run(string outDirectory)
    {
        Console.WriteLine();
        Console.WriteLine("== Delayed: inc and add over a list ==");
        var data = Enumerable.Range(1, 8).ToArray();

        var sequential = Stopwatch.StartNew();
        var expected = data.Select(Inc).Sum();
        Console.WriteLine($"plain loop: sum(inc(x)) = {expected} in {sequential.Elapsed.TotalSeconds:0.00}s");

        // Lazy: nothing runs while the graph is built.
        var incremented = data.Select(x => Delayed.Call(Inc, x)).ToList();
        var total = incremented.Aggregate((a, b) => Delayed.Call(Add, a, b)).Named("total");
        Console.WriteLine($"graph: {total.ToGraph().Count} tasks, result key '{total.Key}'");

        var profile = new ProfileSummary();
        // The tasks sleep (as I/O would), so more workers than cores still pay off, as with dask's threads.
        var options = new ComputeOptions
        {
            MaxDegreeOfParallelism = 8,
            Observers = [new ConsoleProgressBar(force: true), profile],
        };
        var parallel = Stopwatch.StartNew();
        var result = total.Compute(options);
        Console.WriteLine($"Delayed: total = {result} in {parallel.Elapsed.TotalSeconds:0.00}s " +
                          $"on {options.EffectiveParallelism} workers (the incs run at once; the adds form a chain)");
        if (result != expected)
        {
            throw new InvalidOperationException($"expected {expected}, got {result}");
        }

        // A tree of adds instead of a chain: the same sum with more parallelism.
        var level = incremented;
        while (level.Count > 1)
        {
            level = level.Chunk(2).Select(p => p.Length == 2 ? Delayed.Call(Add, p[0], p[1]) : p[0]).ToList();
        }
        var tree = Stopwatch.StartNew();
        Console.WriteLine($"tree of adds: total = {level[0].Compute(options)} in {tree.Elapsed.TotalSeconds:0.00}s");

        Console.WriteLine();
        Console.WriteLine("profile (time per task kind):");
        Console.Write(profile);

        var picture = level[0].Visualize(Path.Combine(outDirectory, "delayed-graph.svg"));
        Console.WriteLine(picture.Message);
    }
}
