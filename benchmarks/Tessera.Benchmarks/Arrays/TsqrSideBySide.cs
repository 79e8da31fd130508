using System.Diagnostics;
using System.Globalization;
using Tessera.Arrays;
using Tessera.Testing;
using static Tessera.Benchmarks.BenchmarkArgs;

namespace Tessera.Benchmarks.Arrays;

/// <summary>
/// Tall-and-skinny QR side by side: Tessera's <c>Linalg.Qr</c> (TSQR, Math.NET's managed QR per
/// block) against <c>numpy.linalg.qr</c> (LAPACK, one call) and <c>dask.array.linalg.qr</c> (TSQR,
/// NumPy per block), on a (rows × columns) float64 array in blocks of <c>--block</c> rows, inputs
/// persisted in memory on every side. Tessera computes Q (its graph holds the whole TSQR); NumPy
/// and dask return Q and R. Args: [--rows 1000000] [--cols 100] [--block 100000] [--repeats 3] [--threads 2].
/// </summary>
internal sealed class TsqrSideBySide : ISideBySide
{
    public string Name => "tsqr";

    public string Description => "tall-and-skinny QR: Linalg.Qr (TSQR) vs numpy.linalg.qr vs dask.array.linalg.qr";

    public void Run(string[] args)
    {
        var rows = Int(args, "--rows", 1_000_000);
        var cols = Int(args, "--cols", 100);
        var block = Int(args, "--block", 100_000);
        var repeats = Int(args, "--repeats", 3);
        var options = new ComputeOptions { MaxDegreeOfParallelism = Int(args, "--threads", 2) };
        var x = BlockedArray.Random(1).Uniform<double>([rows, cols], [block, cols]).Persist(options);
        var (q, r) = Linalg.Qr(x);
        var seconds = MedianTimer.Seconds(repeats, () => q.Compute(options), collectFirst: true);
        var factor = r.Compute(options);
        var checksum = Enumerable.Range(0, cols).Sum(i => Math.Abs(factor[i, i]));
        var theirs = Python(rows, cols, block, repeats);
        Console.WriteLine($"tsqr side by side: {rows} × {cols} float64 in blocks of {block} rows, {Environment.ProcessorCount} cores, " +
                          $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, median of {repeats}");
        Console.WriteLine($"{"system",-8} {"seconds",10} {"sum|diag R|",14} {"Tessera is",12}");
        Console.WriteLine($"{"tessera",-8} {seconds,10:0.000} {checksum,14:0.000} {"",12}");
        foreach (var (system, (theirSeconds, theirChecksum)) in theirs)
        {
            Console.WriteLine($"{system,-8} {theirSeconds,10:0.000} {theirChecksum,14:0.000} {theirSeconds / seconds,11:0.00}x");
        }
    }

    private static Dictionary<string, (double Seconds, double Checksum)> Python(int rows, int cols, int block, int repeats)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Arrays", "TsqrWorkloads.py");
        var code = $"import sys; sys.argv = ['w', '{rows}', '{cols}', '{block}', '{repeats}']; exec(open('{script}').read())";
        return PythonOracle.Run(code, TimeSpan.FromMinutes(30))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(f => f[0], f => (double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture)));
    }
}
