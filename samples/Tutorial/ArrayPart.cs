using System.Diagnostics;
using Tessera.Arrays;
using Tessera.Diagnostics;

namespace Tessera.Samples.Tutorial;

/// <summary>
/// The array part of the Dask tutorial: random data in blocks, an elementwise chain fused into
/// one kernel per block, means along axes, a matrix product, with the progress bar.
/// </summary>
internal static class ArrayPart
{
    public static void Run(long size)
    {
        Console.WriteLine();
        Console.WriteLine("== Arrays: random data in blocks ==");
        var device = Device.Default;
        var options = new ComputeOptions { Device = device, Observers = [new ConsoleProgressBar(force: true)] };
        Console.WriteLine($"device: {device}");

        var chunk = Math.Max(1, size / 4);
        var x = BlockedArray.Random(seed: 42).Normal<double>([size, size], chunks: [chunk, chunk]);
        Console.WriteLine(x);

        // An elementwise chain: one fused task per block, no intermediate arrays.
        var y = (BlockedArray.Sin(x) * BlockedArray.Sin(x)) + (BlockedArray.Cos(x) * BlockedArray.Cos(x)) - 1.0;
        var watch = Stopwatch.StartNew();
        var worst = BlockedArray.Abs(y).Max().Compute(options);
        Console.WriteLine($"max |sin² + cos² − 1| = {worst:E2} in {watch.Elapsed.TotalSeconds:0.00}s");

        // Means along axes, and anomalies against them (broadcasting a keepDims mean).
        watch.Restart();
        var anomaly = x - x.Mean(axis: 1, keepDims: true);
        var spread = anomaly.Std(axis: 0).Mean().Compute(options);
        Console.WriteLine($"mean over columns of the std of row anomalies = {spread:0.0000} (≈ 1 for N(0, 1)) in {watch.Elapsed.TotalSeconds:0.00}s");

        // A matrix product, block by block, partial products summed by a tree.
        watch.Restart();
        var product = BlockedArray.MatMul(x, x.T);
        var trace = product.Mean().Compute(options);
        var flops = 2.0 * size * size * size;
        Console.WriteLine($"x · xᵀ: mean element {trace:0.000} in {watch.Elapsed.TotalSeconds:0.00}s " +
                          $"({flops / watch.Elapsed.TotalSeconds / 1e9:0.0} GFLOP/s including generation)");
    }
}
