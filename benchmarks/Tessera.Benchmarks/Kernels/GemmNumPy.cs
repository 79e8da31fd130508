using System.Diagnostics;
using System.Globalization;
using Tessera.Testing;

namespace Tessera.Benchmarks.Kernels;

/// <summary>
/// A long-lived /usr/bin/python3 that times one NumPy matmul (OpenBLAS underneath) per request,
/// so NumPy and Tessera repetitions can be interleaved: on a shared machine whose load drifts,
/// alternating is what keeps the comparison fair. The thread count goes in through
/// OPENBLAS_NUM_THREADS, read when OpenBLAS loads, so one worker serves one thread count
/// (threadpoolctl is not installed on Debian by default).
/// </summary>
internal sealed class GemmNumPy : IDisposable
{
    private const string Script = """
        import sys, time, numpy as np
        n = int(sys.argv[1])
        rng = np.random.default_rng(7)
        cache = {}
        for line in sys.stdin:
            name = line.strip()
            if name not in cache:
                cache[name] = tuple(rng.random((n, n)).astype(name) for _ in range(2)) + (np.empty((n, n), dtype=name),)
            a, b, c = cache[name]
            t = time.perf_counter(); np.matmul(a, b, out=c); t = time.perf_counter() - t
            print(t, flush=True)
        """;

    private readonly Process _process;

    /// <summary>Starts a worker for n×n products on <paramref name="threads"/> OpenBLAS threads.</summary>
    public GemmNumPy(int n, int threads)
    {
        var psi = new ProcessStartInfo(PythonOracle.Interpreter, ["-c", Script, n.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        psi.Environment["OMP_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        _process = Process.Start(psi)!;
    }

    /// <summary>Seconds for one <c>np.matmul(a, b, out=c)</c> in <paramref name="dtype"/> ("float32" or "float64").</summary>
    public double TimeOne(string dtype)
    {
        _process.StandardInput.WriteLine(dtype);
        _process.StandardInput.Flush();
        var line = _process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"the NumPy worker ({PythonOracle.Interpreter}) exited; is python3-numpy installed?");
        return double.Parse(line, CultureInfo.InvariantCulture);
    }

    /// <summary>Ends the worker.</summary>
    public void Dispose()
    {
        _process.StandardInput.Close();
        _process.WaitForExit(10_000);
        _process.Dispose();
    }
}
