using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using Tessera.Kernels.Cpu;

namespace Tessera.Benchmarks.Kernels;

/// <summary>
/// The implementations compared for one dtype and thread count, timed round-robin: NumPy,
/// Tessera's OpenBLAS path, the managed kernel, and (on AVX-512 machines) the managed kernel
/// forced to Vector256 to show what AVX2-only CPUs would get.
/// </summary>
internal sealed unsafe class GemmContenders<T>(int n, int threads, GemmNumPy numpy, string dtype)
    where T : unmanaged, System.Numerics.INumber<T>
{
    private const int SettleMilliseconds = 250;

    private readonly T[] _a = Fill(n, 1);
    private readonly T[] _b = Fill(n, 2);
    private readonly T[] _c = new T[n * n];

    /// <summary>Markdown table rows: one per implementation.</summary>
    public IEnumerable<string> Measure(int reps)
    {
        var contenders = new List<(string Name, Func<double> Once)> { ("NumPy (OpenBLAS)", () => numpy.TimeOne(dtype)) };
        if (OpenBlas.IsAvailable)
        {
            contenders.Add(("Tessera, OpenBLAS path", () => Time(() => Public(GemmPath.NativeBlas, _c))));
            CheckManagedAgainstBlas();
        }
        contenders.Add(($"Tessera, managed kernel ({ManagedGemm.VectorPath})", () => Time(() => Public(GemmPath.Managed, _c))));
        if (Vector512.IsHardwareAccelerated && Vector256.IsHardwareAccelerated)
        {
            contenders.Add(("Tessera, managed kernel forced to Vector256 (as on AVX2-only CPUs)", () => Time(Managed256)));
        }

        var times = contenders.Select(_ => new List<double>()).ToArray();
        foreach (var (_, once) in contenders)
        {
            once(); // warm-up: JIT, pack buffers, OpenBLAS thread start
        }
        for (int r = 0; r < reps; r++)
        {
            for (int i = 0; i < contenders.Count; i++)
            {
                // OpenBLAS worker threads spin for a while (~0.1 s) after a multi-threaded call;
                // without a pause they would steal a core from whichever contender runs next.
                Thread.Sleep(SettleMilliseconds);
                times[i].Add(contenders[i].Once());
            }
        }
        double flops = 2.0 * n * n * n;
        double numpyMedian = Median(times[0]);
        for (int i = 0; i < contenders.Count; i++)
        {
            double s = Median(times[i]);
            yield return string.Create(CultureInfo.InvariantCulture,
                $"| {dtype} | {threads} | {contenders[i].Name} | {s * 1e3:F1} | {flops / s / 1e9:F1} | {numpyMedian / s:F2} |");
        }
    }

    private void Public(GemmPath path, T[] c) =>
        CpuGemm.Gemm(false, false, n, n, n, T.One, _a, n, _b, n, T.Zero, c, n, new GemmOptions { Threads = threads, Path = path });

    private void Managed256()
    {
        fixed (T* pa = _a)
        fixed (T* pb = _b)
        fixed (T* pc = _c)
        {
            var g = new GemmProblem<T>(false, false, n, n, n, T.One, (nint)pa, n, (nint)pb, n, T.Zero, (nint)pc, n);
            ManagedGemm.Run<T, Vector256<T>, Simd256<T>>(g, threads);
        }
    }

    private void CheckManagedAgainstBlas()
    {
        var reference = new T[n * n];
        Public(GemmPath.NativeBlas, reference);
        Public(GemmPath.Managed, _c);
        GemmCheck.AgainstReference(_c, reference, n, $"{dtype}, {threads} thread(s)");
    }

    private static double Time(Action gemm)
    {
        long start = Stopwatch.GetTimestamp();
        gemm();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double Median(List<double> xs)
    {
        var sorted = xs.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static T[] Fill(int n, int seed)
    {
        var rng = new Random(seed);
        var values = new T[n * n];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateTruncating(rng.NextDouble());
        }
        return values;
    }
}
