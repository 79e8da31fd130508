using System.Diagnostics;
using System.Globalization;
using Tessera.IO.Hdf5;
using Tessera.Testing;
using static Tessera.Benchmarks.BenchmarkArgs;

namespace Tessera.Benchmarks.IO;

/// <summary>
/// Peak memory and timing spread of one whole-dataset read: a (rows, cols) float64 dataset in
/// (chunk, chunk) chunks, plain and shuffle+gzip, read by Tessera's <c>Read&lt;double&gt;()</c> and by
/// h5py's <c>d[()]</c>. Every run is its own child process, so its peak resident set (VmHWM in
/// /proc/self/status, read by the child just before it exits) is that one read's and nothing
/// earlier's. Run:
/// <c>dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- side-by-side hdf5-read-memory [--rows 20000] [--cols 10000] [--chunk 1000] [--repeats 9] [--dir /tmp/tessera-hdf5-read]</c>.
/// </summary>
internal sealed class Hdf5ReadMemory : ISideBySide
{
    public string Name => "hdf5-read-memory";

    public string Description => "peak RSS and timing spread of a whole (rows, cols) float64 read, one child process per run, vs h5py";

    public void Run(string[] args)
    {
        if (Text(args, "--child", "") is { Length: > 0 } childPath)
        {
            Child(childPath);
            return;
        }
        var rows = int.Parse(Text(args, "--rows", "20000"), CultureInfo.InvariantCulture);
        var cols = int.Parse(Text(args, "--cols", "10000"), CultureInfo.InvariantCulture);
        var chunk = int.Parse(Text(args, "--chunk", "1000"), CultureInfo.InvariantCulture);
        var repeats = int.Parse(Text(args, "--repeats", "9"), CultureInfo.InvariantCulture);
        var dir = Text(args, "--dir", Path.Combine(Path.GetTempPath(), "tessera-hdf5-read"));
        Directory.CreateDirectory(dir);
        var outputMb = (double)rows * cols * sizeof(double) / 1e6;
        Console.WriteLine($"({rows}, {cols}) float64 in ({chunk}, {chunk}) chunks: output {outputMb:F0} MB; {repeats} child runs per reader");
        Console.WriteLine("| file | reader | peak RSS MB (max) | peak / output | median s | min s | max s | max / median | sums agree |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var compressed in new[] { false, true })
        {
            var path = Path.Combine(dir, $"memory-{rows}x{cols}-c{chunk}-{(compressed ? "gzip-shuffle" : "plain")}.h5");
            Ensure(path, rows, cols, chunk, compressed);
            WarmPageCache(path);
            var ours = Enumerable.Range(0, repeats).Select(_ => Tessera(path)).ToList();
            var theirs = Enumerable.Range(0, repeats).Select(_ => H5py(path)).ToList();
            var label = compressed ? "gzip+shuffle" : "plain";
            var agree = Math.Abs(ours[0].Sum - theirs[0].Sum) <= 1e-9 * Math.Abs(theirs[0].Sum);
            Print(label, "Tessera `Read<double>()`", ours, outputMb, agree);
            Print(label, "h5py `d[()]`", theirs, outputMb, agree);
        }
    }

    private static void Print(string file, string reader, List<ChildResult> runs, double outputMb, bool agree)
    {
        var seconds = runs.Select(r => r.Seconds).Order().ToArray();
        var median = seconds[seconds.Length / 2];
        var peak = runs.Max(r => r.PeakMb);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {file} | {reader} | {peak:F0} | {peak / outputMb:F2} | {median:F3} | {seconds[0]:F3} | {seconds[^1]:F3} | {seconds[^1] / median:F2} | {(agree ? "yes" : "NO")} |"));
    }

    private readonly record struct ChildResult(double Seconds, double Sum, double PeakMb);

    /// <summary>The measured read, in the child process: time, sum, then this process's peak RSS.</summary>
    private static void Child(string path)
    {
        using var h5 = Hdf5File.Open(path);
        var ds = h5.Dataset("/data");
        var start = Stopwatch.GetTimestamp();
        var values = ds.Read<double>();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var sum = Hdf5ReadTessera.Sum(values);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {seconds:R} {sum:R} {PeakMb():R}"));
    }

    private static double PeakMb() =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024 / 1e6)
            .First();

    private static ChildResult Tessera(string path)
    {
        var self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(Hdf5ReadMemory).Assembly.Location);
        }
        foreach (var a in new[] { "side-by-side", "hdf5-read-memory", "--child", path })
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return Parse(output, "Tessera child");
    }

    private static ChildResult H5py(string path) => Parse(PythonOracle.Run($$"""
        import time, h5py, numpy as np
        with h5py.File({{Hdf5BenchFiles.Quote(path)}}, 'r') as f:
            d = f['data']
            t = time.perf_counter()
            a = d[()]
            s = time.perf_counter() - t
            total = float(a.sum(dtype=np.float64))
        peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]
        print('RESULT', repr(s), repr(total), repr(int(peak) * 1024 / 1e6))
        """, TimeSpan.FromMinutes(10)), "h5py");

    private static ChildResult Parse(string output, string who)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{who} printed no RESULT line:\n{output}");
        var p = line.Split(' ');
        return new(double.Parse(p[1], CultureInfo.InvariantCulture), double.Parse(p[2], CultureInfo.InvariantCulture),
            double.Parse(p[3], CultureInfo.InvariantCulture));
    }

    /// <summary>Written once by h5py, one chunk-row at a time, and reused while its shape and filters match.</summary>
    private static void Ensure(string path, int rows, int cols, int chunk, bool compressed)
    {
        if (File.Exists(path))
        {
            try
            {
                using var h5 = Hdf5File.Open(path);
                var ds = h5.Dataset("/data");
                if (ds.Shape.SequenceEqual([rows, cols]) && ds.Filters.Count == (compressed ? 2 : 0)
                    && ds.StoredChunkCount == ((rows + chunk - 1) / chunk) * ((cols + chunk - 1) / chunk))
                {
                    Console.WriteLine($"reusing {path}");
                    return;
                }
            }
            catch (Hdf5FormatException)
            {
            }
        }
        Console.WriteLine($"writing {path} with h5py ...");
        PythonOracle.Run(string.Create(CultureInfo.InvariantCulture, $$"""
            import os, h5py, numpy as np
            rows, cols, c, path = {{rows}}, {{cols}}, {{chunk}}, {{Hdf5BenchFiles.Quote(path)}}
            kw = dict(compression='gzip', compression_opts=4, shuffle=True) if {{(compressed ? "True" : "False")}} else {}
            rng = np.random.default_rng(20261207)
            x = np.linspace(0.0, 6.0 * np.pi, max(rows, cols))
            with h5py.File(path + '.partial', 'w') as f:
                d = f.create_dataset('data', shape=(rows, cols), dtype='f8', chunks=(c, c), **kw)
                for r0 in range(0, rows, c):
                    r1 = min(rows, r0 + c)
                    d[r0:r1] = 280.0 + 15.0 * np.sin(x[r0:r1, None]) * np.cos(0.5 * x[None, :cols]) + 0.05 * rng.standard_normal((r1 - r0, cols))
            os.replace(path + '.partial', path)
            """), TimeSpan.FromMinutes(30));
    }

    private static void WarmPageCache(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        while (stream.Read(buffer) > 0)
        {
        }
    }
}
