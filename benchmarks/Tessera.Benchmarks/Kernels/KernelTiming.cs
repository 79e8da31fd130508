using System.Diagnostics;
using System.Globalization;
using Tessera.Testing;

namespace Tessera.Benchmarks.Kernels;

/// <summary>Shared pieces of the kernel side-by-side comparisons: medians, NumPy runs, the report table.</summary>
internal static class KernelTiming
{
    public const int Repetitions = 7;

    /// <summary>
    /// Rounds of (Tessera, then NumPy) measurements: alternating spreads the load of a shared
    /// machine over both sides instead of letting it fall on whichever ran during a busy spell.
    /// </summary>
    public const int Rounds = 3;

    /// <summary>
    /// Median wall time and median process CPU time of <see cref="Repetitions"/> runs after one
    /// warm-up (JIT, page faults). CPU time is reported too because shared 2-core CI machines are
    /// often loaded by other jobs: wall time then measures the neighbours, CPU time the work.
    /// </summary>
    public static Timing Measure(Action run)
    {
        run();
        var wall = new double[Repetitions];
        var cpu = new double[Repetitions];
        for (var i = 0; i < wall.Length; i++)
        {
            var cpuStart = ProcessCpuClock.Seconds();
            var start = Stopwatch.GetTimestamp();
            run();
            wall[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            cpu[i] = ProcessCpuClock.Seconds() - cpuStart;
        }
        return new Timing(Median(wall), Median(cpu));
    }

    /// <summary>The median over rounds of each side's per-round medians.</summary>
    public static Timing MedianOfRounds(IEnumerable<Timing> rounds)
    {
        var list = rounds.ToList();
        return new Timing(Median([.. list.Select(t => t.Wall)]), Median([.. list.Select(t => t.Cpu)]));
    }

    public static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>
    /// Runs a NumPy script single-threaded (OPENBLAS_NUM_THREADS=1, as our one call uses one
    /// thread) and returns its output lines. The script prints "name seconds [checksum]" lines.
    /// </summary>
    public static string[] RunNumPy(string script)
    {
        Environment.SetEnvironmentVariable("OPENBLAS_NUM_THREADS", "1");
        Environment.SetEnvironmentVariable("OMP_NUM_THREADS", "1");
        return PythonOracle.Run(script, TimeSpan.FromMinutes(10)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The python helper that times a statement the same way (warm-up, median of 7).</summary>
    public static string PythonMedian => $$"""
        import time, statistics
        def median(f):
            f()
            ts = []; cs = []
            for _ in range({{Repetitions}}):
                c = time.process_time(); t = time.perf_counter(); f()
                ts.append(time.perf_counter() - t); cs.append(time.process_time() - c)
            return f'{statistics.median(ts)!r} {statistics.median(cs)!r}'

        """;

    public static string WriteRaw(double[] values)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tessera-bench-{Guid.NewGuid():N}.f64");
        using var file = File.Create(path);
        file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return path;
    }

    /// <summary>
    /// n values in [-2, 2), in an array allocated as Tessera allocates blocks (huge pages advised
    /// on Linux), just as NumPy's side runs on arrays NumPy allocated.
    /// </summary>
    public static double[] Random(int n, int seed)
    {
        var random = new Random(seed);
        var a = Tessera.Kernels.Cpu.HostArrays.Allocate<double>(n, zeroed: false);
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = (random.NextDouble() * 4) - 2;
        }
        return a;
    }

    public static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    public static void PrintTable(string title, IEnumerable<(string Workload, Timing Tessera, Timing NumPy, string Check)> rows)
    {
        var machine = Device.Available[0].Name;
        Console.WriteLine($"## {title}");
        Console.WriteLine();
        Console.WriteLine($"Machine: {machine}, {Environment.ProcessorCount} cores visible; .NET {Environment.Version}; " +
            $"date {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average {LoadAverage()}. {Rounds} alternating rounds, each the median " +
            $"of {Repetitions} runs after a warm-up; the table shows the median round. One thread each side; wall time, and " +
            "process CPU time in parentheses.");
        Console.WriteLine();
        Console.WriteLine("| workload | Tessera CPU backend, ms | NumPy, ms | speed-up wall (CPU time) | results agree |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Workload} | {r.Tessera.Wall * 1000:F1} ({r.Tessera.Cpu * 1000:F1}) | {r.NumPy.Wall * 1000:F1} ({r.NumPy.Cpu * 1000:F1}) | " +
                $"{r.NumPy.Wall / r.Tessera.Wall:F2}x ({r.NumPy.Cpu / r.Tessera.Cpu:F2}x) | {r.Check} |"));
        }
    }

    /// <summary>Reads "seconds cpu-seconds" as printed by <see cref="PythonMedian"/>'s median().</summary>
    public static Timing ParseTiming(string wall, string cpu) => new(Parse(wall), Parse(cpu));

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
