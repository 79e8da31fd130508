using System.Diagnostics;
using System.Globalization;
using Tessera.Testing;

namespace Tessera.Benchmarks.Kernels;

/// <summary>
/// Times NumPy's matmul (OpenBLAS underneath) in a subprocess. The thread count goes in through
/// OPENBLAS_NUM_THREADS, which OpenBLAS reads when it loads: the only control that needs no
/// extra package (threadpoolctl is not installed on Debian by default).
/// </summary>
internal static class GemmNumPy
{
    private const string Script = """
        import sys, time, numpy as np
        n, reps = int(sys.argv[1]), int(sys.argv[2])
        rng = np.random.default_rng(7)
        for name in ("float32", "float64"):
            a = rng.random((n, n)).astype(name)
            b = rng.random((n, n)).astype(name)
            c = np.empty((n, n), dtype=name)
            np.matmul(a, b, out=c)
            times = []
            for _ in range(reps):
                t = time.perf_counter(); np.matmul(a, b, out=c); times.append(time.perf_counter() - t)
            times.sort()
            print(name, times[len(times) // 2])
        """;

    /// <summary>Median seconds per n×n matmul for float32 and float64 on <paramref name="threads"/> threads.</summary>
    public static (double Float32, double Float64) Measure(int n, int reps, int threads)
    {
        var psi = new ProcessStartInfo(PythonOracle.Interpreter, ["-c", Script, n.ToString(CultureInfo.InvariantCulture), reps.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        psi.Environment["OMP_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"numpy benchmark failed ({process.ExitCode}):\n{stderr.Result}");
        }
        var seconds = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        return (seconds["float32"], seconds["float64"]);
    }
}
