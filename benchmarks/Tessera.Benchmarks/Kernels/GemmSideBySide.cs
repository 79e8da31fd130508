using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using Tessera.Kernels.Cpu;

namespace Tessera.Benchmarks.Kernels;

/// <summary>
/// n×n GEMM (default 2048) in float32 and float64 on 1 and 2 threads: Tessera's OpenBLAS path,
/// Tessera's managed kernel and NumPy, with repetitions interleaved round-robin and medians
/// reported as GFLOP/s and ratio to NumPy. Writes the table to GemmSideBySide.md beside this
/// file when the source tree is present. Arguments: [n] [repetitions] (defaults 2048 9).
/// </summary>
internal sealed class GemmSideBySide : ISideBySide
{
    public string Name => "gemm";

    public string Description => "2048² GEMM f32/f64, 1 and 2 threads: Tessera OpenBLAS path and managed kernel vs NumPy";

    public void Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2048;
        int reps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9;
        var rows = new List<string>();
        foreach (int threads in new[] { 1, 2 })
        {
            using var numpy = new GemmNumPy(n, threads);
            rows.AddRange(new GemmContenders<float>(n, threads, numpy, "float32").Measure(reps));
            rows.AddRange(new GemmContenders<double>(n, threads, numpy, "float64").Measure(reps));
        }

        var md = new StringBuilder();
        md.AppendLine("# GEMM side by side").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- side-by-side gemm {n} {reps}`  ");
        md.AppendLine(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC  ");
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {CpuName()}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, Vector512 accelerated: {Vector512.IsHardwareAccelerated}  ");
        md.AppendLine(CultureInfo.InvariantCulture, $"OpenBLAS: {OpenBlas.Loaded?.Config ?? "not found"} (kernel family `{OpenBlas.Loaded?.CoreName}`); automatic path here: {GemmPathSelection.Resolve(GemmPath.Auto)}  ");
        md.AppendLine(CultureInfo.InvariantCulture, $"Load average at the end: {LoadAverage()}").AppendLine();
        if (LoadAverage().Split(' ')[0] is var first && double.TryParse(first, CultureInfo.InvariantCulture, out double load) && load > Environment.ProcessorCount + 1)
        {
            // This run itself accounts for up to two runnable threads; more than cores + 1 means others.
            md.Append(CultureInfo.InvariantCulture, $"**Shared machine:** the 1-minute load average ({load}) exceeded the {Environment.ProcessorCount} cores by more than this run adds, ")
                .AppendLine("so other processes took CPU time during the run. Absolute GFLOP/s (2-thread rows most) are depressed; the interleaved ratios are the comparison to read.")
                .AppendLine();
        }
        md.AppendLine(CultureInfo.InvariantCulture, $"C = A·B, {n}×{n}×{n}, no transposes, beta = 0; one warm-up, then {reps} rounds in which every implementation runs once (interleaved, so drifting load hits all alike; 250 ms pause before each so OpenBLAS's spinning idle threads have stopped); median per implementation. NumPy is `np.matmul(a, b, out=c)` in a persistent /usr/bin/python3 with OPENBLAS_NUM_THREADS set. The managed result is checked against OpenBLAS's before timing.").AppendLine();
        md.AppendLine("| dtype | threads | implementation | median ms | GFLOP/s | vs NumPy |");
        md.AppendLine("|---|---:|---|---:|---:|---:|");
        foreach (var row in rows)
        {
            md.AppendLine(row);
        }
        Console.Write(md.ToString());
        var directory = SourceDirectory();
        if (Directory.Exists(directory))
        {
            File.WriteAllText(Path.Combine(directory, "GemmSideBySide.md"), md.ToString());
            Console.WriteLine($"written to {Path.Combine(directory, "GemmSideBySide.md")}");
        }
    }

    private static string CpuName()
    {
        const string cpuinfo = "/proc/cpuinfo";
        var line = File.Exists(cpuinfo)
            ? File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? "";
}
