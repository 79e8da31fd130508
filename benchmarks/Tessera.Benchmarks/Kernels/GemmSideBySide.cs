using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Tessera.Kernels.Cpu;

namespace Tessera.Benchmarks.Kernels;

/// <summary>
/// n×n GEMM (default 2048) in float32 and float64 on 1 and 2 threads: Tessera's OpenBLAS path,
/// Tessera's managed kernel and NumPy, medians of several repetitions, GFLOP/s and the ratio to
/// NumPy. Writes the table to GemmSideBySide.md beside this file when the source tree is present.
/// Arguments: [n] [repetitions] (defaults 2048 7).
/// </summary>
internal sealed class GemmSideBySide : ISideBySide
{
    public string Name => "gemm";

    public string Description => "2048² GEMM f32/f64, 1 and 2 threads: Tessera OpenBLAS path and managed kernel vs NumPy";

    public void Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2048;
        int reps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
        double flops = 2.0 * n * n * n;
        var rows = new List<string>();
        foreach (int threads in new[] { 1, 2 })
        {
            var numpy = GemmNumPy.Measure(n, reps, threads);
            rows.AddRange(Rows("float32", threads, flops, numpy.Float32, Measure<float>(n, reps, threads)));
            rows.AddRange(Rows("float64", threads, flops, numpy.Float64, Measure<double>(n, reps, threads)));
        }

        var md = new StringBuilder();
        md.AppendLine("# GEMM side by side").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- side-by-side gemm {n} {reps}`  ");
        md.AppendLine(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC  ");
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {CpuName()}, {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}  ");
        md.AppendLine(CultureInfo.InvariantCulture, $"OpenBLAS: {OpenBlas.Loaded?.Config ?? "not found"}; managed kernel: {ManagedGemm.VectorPath}  ");
        md.AppendLine(CultureInfo.InvariantCulture, $"{n}×{n}×{n}, C = A·B (no transposes, beta = 0), median of {reps} after one warm-up; NumPy is `np.matmul(a, b, out=c)` in /usr/bin/python3 with OPENBLAS_NUM_THREADS set.").AppendLine();
        md.AppendLine("| dtype | threads | implementation | median ms | GFLOP/s | vs NumPy |");
        md.AppendLine("|---|---:|---|---:|---:|---:|");
        foreach (var row in rows)
        {
            md.AppendLine(row);
        }
        Console.Write(md.ToString());
        var target = Path.Combine(SourceDirectory(), "GemmSideBySide.md");
        if (Directory.Exists(SourceDirectory()))
        {
            File.WriteAllText(target, md.ToString());
            Console.WriteLine($"written to {target}");
        }
    }

    private static IEnumerable<string> Rows(string dtype, int threads, double flops, double numpy, Timings tessera)
    {
        string Row(string impl, double seconds) =>
            string.Create(CultureInfo.InvariantCulture,
                $"| {dtype} | {threads} | {impl} | {seconds * 1e3:F1} | {flops / seconds / 1e9:F1} | {numpy / seconds:F2} |");
        yield return Row("NumPy (OpenBLAS)", numpy);
        if (!double.IsNaN(tessera.Blas))
        {
            yield return Row("Tessera, OpenBLAS path", tessera.Blas);
        }
        yield return Row($"Tessera, managed kernel ({ManagedGemm.VectorPath})", tessera.Managed);
        if (!double.IsNaN(tessera.Managed256))
        {
            yield return Row("Tessera, managed kernel forced to Vector256 (as on AVX2-only CPUs)", tessera.Managed256);
        }
    }

    private static unsafe Timings Measure<T>(int n, int reps, int threads)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var rng = new Random(7);
        var a = new T[n * n];
        var b = new T[n * n];
        var c = new T[n * n];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = T.CreateTruncating(rng.NextDouble());
            b[i] = T.CreateTruncating(rng.NextDouble());
        }
        double Time(Action gemm)
        {
            var times = new double[reps];
            gemm();
            for (int r = 0; r < reps; r++)
            {
                long start = Stopwatch.GetTimestamp();
                gemm();
                times[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
            Array.Sort(times);
            return times[reps / 2];
        }
        void Public(GemmPath path, T[] into) =>
            CpuGemm.Gemm(false, false, n, n, n, T.One, a, n, b, n, T.Zero, into, n, new GemmOptions { Threads = threads, Path = path });

        double blas = double.NaN;
        var reference = new T[n * n];
        if (OpenBlas.IsAvailable)
        {
            blas = Time(() => Public(GemmPath.NativeBlas, reference));
        }
        double managed = Time(() => Public(GemmPath.Managed, c));
        if (OpenBlas.IsAvailable)
        {
            GemmCheck.AgainstReference(c, reference, n, $"{typeof(T).Name}, {threads} thread(s)");
        }
        double managed256 = double.NaN;
        if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated && System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
        {
            managed256 = Time(() =>
            {
                fixed (T* pa = a)
                fixed (T* pb = b)
                fixed (T* pc = c)
                {
                    var g = new GemmProblem<T>(false, false, n, n, n, T.One, (nint)pa, n, (nint)pb, n, T.Zero, (nint)pc, n);
                    ManagedGemm.Run<T, System.Runtime.Intrinsics.Vector256<T>, Simd256<T>>(g, threads);
                }
            });
        }
        return new Timings(blas, managed, managed256);
    }

    private readonly record struct Timings(double Blas, double Managed, double Managed256);

    private static string CpuName()
    {
        const string cpuinfo = "/proc/cpuinfo";
        var line = File.Exists(cpuinfo)
            ? File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line?.Split(':', 2)[1].Trim() ?? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? "";
}
