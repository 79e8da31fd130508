using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Tessera.Arrays;
using Tessera.ML.Cluster;
using Tessera.ML.Decomposition;
using Tessera.ML.Linear;
using Tessera.Testing;
using static Tessera.Benchmarks.BenchmarkArgs;

namespace Tessera.Benchmarks.ML;

/// <summary>
/// Tessera.ML beside scikit-learn in one run: KMeans (k = 8) on N × 20 float64 blobs,
/// LogisticRegression (L2, C = 1) on N × 20, PCA (10 components) of M × 100. Each side makes
/// its own data with the same recipe, persisted in memory (Tessera: blocks of --block rows),
/// and times one fit after a small warm-up fit. Args: [--kmeans-rows 1000000]
/// [--logistic-rows 1000000] [--pca-rows 200000] [--block 100000] [--threads 2]; 0 skips a workload.
/// </summary>
internal sealed class MlSideBySide : ISideBySide
{
    public string Name => "ml";

    public string Description => "KMeans, LogisticRegression and PCA: Tessera.ML vs scikit-learn";

    public void Run(string[] args)
    {
        var kmeansRows = Int(args, "--kmeans-rows", 1_000_000);
        var logisticRows = Int(args, "--logistic-rows", 1_000_000);
        var pcaRows = Int(args, "--pca-rows", 200_000);
        var block = Int(args, "--block", 100_000);
        var options = new ComputeOptions { MaxDegreeOfParallelism = Int(args, "--threads", 2) };
        var rows = new List<(string Workload, string System, double Seconds, double Quality, double Cpu)>();
        if (kmeansRows > 0)
        {
            new KMeans().Fit(Blobs(10_000, block, options), options);
            var x = Blobs(kmeansRows, block, options);
            var (seconds, cpu, model) = Time(() => new KMeans().Fit(x, options));
            rows.Add(("kmeans", $"tessera ({model.Iterations} Lloyd)", seconds, model.Inertia / kmeansRows, cpu));
        }
        if (logisticRows > 0)
        {
            var (wx, wy) = Classification(10_000, block, options);
            new LogisticRegression { Penalty = Penalty.L2 }.Fit(wx, wy, options);
            var (x, y) = Classification(logisticRows, block, options);
            var (seconds, cpu, model) = Time(() => new LogisticRegression { Penalty = Penalty.L2 }.Fit(x, y, options));
            rows.Add(("logistic", $"tessera (Newton, {model.Iterations} passes)", seconds, model.Score(x, y, options), cpu));
        }
        if (pcaRows > 0)
        {
            new PCA { Components = 10, Solver = SvdSolver.Gram }.Fit(Correlated(10_000, block, options), options);
            new PCA { Components = 10 }.Fit(Correlated(10_000, block, options), options);
            var x = Correlated(pcaRows, block, options);
            foreach (var solver in new[] { SvdSolver.Gram, SvdSolver.Tsqr })
            {
                var (seconds, cpu, model) = Time(() => new PCA { Components = 10, Solver = solver }.Fit(x, options));
                rows.Add(("pca", $"tessera ({solver})", seconds, model.ExplainedVarianceRatio!.Sum(), cpu));
            }
        }
        var theirs = Python(kmeansRows, logisticRows, pcaRows);
        Console.WriteLine($"ml side by side: kmeans {kmeansRows} × 20, logistic {logisticRows} × 20, pca {pcaRows} × 100, " +
                          $"float64, blocks of {block} rows, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        // CPU seconds (the whole process, every thread) beside the wall clock: on a shared host the
        // wall clock measures the other tenants too, while CPU time is the work each side did.
        Console.WriteLine($"| workload | system | seconds | CPU seconds | quality | speed ratio (wall) | work ratio (CPU) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var workload in rows.Select(r => r.Workload).Distinct())
        {
            var best = rows.Where(r => r.Workload == workload).MinBy(r => r.Seconds);
            foreach (var r in rows.Where(r => r.Workload == workload))
            {
                Console.WriteLine($"| {r.Workload} | {r.System} | {r.Seconds:0.000} | {r.Cpu:0.000} | {r.Quality:0.00000} | | |");
            }
            foreach (var t in theirs.Where(t => t.Workload == workload))
            {
                Console.WriteLine($"| {t.Workload} | {t.System} | {t.Seconds:0.000} | {t.Cpu:0.000} | {t.Quality:0.00000} | " +
                                  $"{t.Seconds / best.Seconds:0.00}x | {t.Cpu / best.Cpu:0.00}x |");
            }
        }
    }

    /// <summary>Eight Gaussian blobs (unit spread, centers uniform in [−10, 10]²⁰).</summary>
    private static BlockedArray<double> Blobs(int rows, int block, ComputeOptions options)
    {
        var centerRandom = new Random(7);
        var centers = Enumerable.Range(0, 8 * 20).Select(_ => centerRandom.NextDouble() * 20 - 10).ToArray();
        return BlockedArray.FromFunction<double>([rows, 20], ChunkSpec.Create([block, 20]), (index, shape) =>
        {
            var random = new Random(100 + index[0]);
            var values = new double[shape[0] * 20];
            for (var i = 0; i < shape[0]; i++)
            {
                var c = random.Next(8);
                for (var j = 0; j < 20; j++)
                {
                    values[i * 20 + j] = centers[c * 20 + j] + Gaussian(random);
                }
            }
            return Tensor.Create(values, [(nint)shape[0], 20]);
        }, name: $"blobs-{rows}-{block}").Persist(options);
    }

    /// <summary>Standard normal features and labels drawn from a logistic model with weights linspace(−1, 1).</summary>
    private static (BlockedArray<double> X, BlockedArray<double> Y) Classification(int rows, int block, ComputeOptions options)
    {
        var chunks = ChunkSpec.Create([block, 20]);
        (double[] X, double[] Y) Make(int index, long count)
        {
            var random = new Random(200 + index);
            var x = new double[count * 20];
            var y = new double[count];
            for (var i = 0; i < count; i++)
            {
                var eta = 0.5;
                for (var j = 0; j < 20; j++)
                {
                    x[i * 20 + j] = Gaussian(random);
                    eta += x[i * 20 + j] * (-1 + 2.0 * j / 19);
                }
                y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
            }
            return (x, y);
        }
        var x = BlockedArray.FromFunction<double>([rows, 20], chunks,
            (index, shape) => Tensor.Create(Make(index[0], shape[0]).X, [(nint)shape[0], 20]), name: $"cls-x-{rows}-{block}");
        var y = BlockedArray.FromFunction<double>([rows], ChunkSpec.Create([block]),
            (index, shape) => Tensor.Create(Make(index[0], shape[0]).Y, [(nint)shape[0]]), name: $"cls-y-{rows}-{block}");
        return (x.Persist(options), y.Persist(options));
    }

    /// <summary>100 correlated columns of growing spread (z·(1 + j/10) + 0.3·z of the previous column).</summary>
    private static BlockedArray<double> Correlated(int rows, int block, ComputeOptions options) =>
        BlockedArray.FromFunction<double>([rows, 100], ChunkSpec.Create([block, 100]), (index, shape) =>
        {
            var random = new Random(300 + index[0]);
            var values = new double[shape[0] * 100];
            for (var i = 0; i < shape[0]; i++)
            {
                var previous = 0.0;
                for (var j = 0; j < 100; j++)
                {
                    var z = Gaussian(random);
                    values[i * 100 + j] = z * (1 + j / 10.0) + 0.3 * previous;
                    previous = z;
                }
            }
            return Tensor.Create(values, [(nint)shape[0], 100]);
        }, name: $"pca-{rows}-{block}").Persist(options);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static (double Seconds, double Cpu, TModel Model) Time<TModel>(Func<TModel> fit)
    {
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var model = fit();
        var seconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (seconds, (process.TotalProcessorTime - cpu).TotalSeconds, model);
    }

    private static List<(string Workload, string System, double Seconds, double Quality, double Cpu)> Python(int kmeans, int logistic, int pca)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "ML", "MlWorkloads.py");
        var code = $"import sys; sys.argv = ['w', '{kmeans}', '{logistic}', '{pca}']; exec(open('{script}').read())";
        return [.. PythonOracle.Run(code, TimeSpan.FromMinutes(60))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(f => (f[0], f[1], double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture),
                double.Parse(f[4], CultureInfo.InvariantCulture)))];
    }
}
