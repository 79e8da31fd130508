using System.Diagnostics;
using System.Globalization;
using Tessera.Arrays;
using Tessera.Diagnostics;
using Tessera.Testing;
using static Tessera.Benchmarks.BenchmarkArgs;

namespace Tessera.Benchmarks.Memory;

/// <summary>
/// The acceptance workloads of the "Larger than memory" issue, each under a host MemoryLimit:
/// W1 mean and std of a float32 HDF5 dataset (chunked, uncompressed; 12 GB by default) with a
/// 1 GiB limit, against a plain sequential read of the file's bytes (warm page cache) and
/// dask.array on the same file; W2 <c>x - x.mean(axis=1, keepdims)</c> on an n × n float64
/// dataset stored back to HDF5 under 512 MiB, checked equal to the result computed without a
/// limit; W3 <c>x + x.T</c> on an HDF5 array twice the limit, whose blocks must spill before
/// the result is assembled, checked bit-identical to the unlimited result.
/// Peak RSS is the process's VmHWM: run one workload per process for a per-workload figure
/// (<c>/usr/bin/time -v</c> reports the same high-water mark).
/// Args: [w1|w2|w3|all] [--gb 12] [--n 20000] [--w3-limit-mib 512] [--dir /tmp/tessera-bench] [--workers 2] [--dask true]
/// [--repeats 3] (W1: plain read, mean and std alternate this many times; medians are reported).
/// Quick run: <c>all --gb 1 --n 4000 --w3-limit-mib 64</c>.
/// </summary>
internal sealed class MemoryTiersSideBySide : ISideBySide
{
    private const long MiB = 1 << 20;

    public string Name => "memory-tiers";

    public string Description => "W1 mean/std of a 12 GB HDF5 file under 1 GiB, W2 anomaly to HDF5 under 512 MiB, W3 x + x.T spilling";

    public void Run(string[] args)
    {
        var which = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        var directory = Text(args, "--dir", "/tmp/tessera-bench");
        var workers = int.Parse(Text(args, "--workers", "2"), CultureInfo.InvariantCulture);
        Console.WriteLine($"memory-tiers: {Environment.ProcessorCount} cores, {workers} workers, " +
                          $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30):0.0} GiB memory, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        if (which is "w1" or "all")
        {
            MeanAndStd(directory, double.Parse(Text(args, "--gb", "12"), CultureInfo.InvariantCulture), workers,
                Text(args, "--dask", "true") == "true", int.Parse(Text(args, "--repeats", "3"), CultureInfo.InvariantCulture));
        }
        if (which is "w2" or "all")
        {
            Anomaly(directory, int.Parse(Text(args, "--n", "20000"), CultureInfo.InvariantCulture), workers);
        }
        if (which is "w3" or "all")
        {
            AddTranspose(directory, long.Parse(Text(args, "--w3-limit-mib", "512"), CultureInfo.InvariantCulture) * MiB, workers);
        }
    }

    /// <summary>W1: two passes (mean, std) over the file; throughput is file bytes per pass per second.</summary>
    private static void MeanAndStd(string directory, double gigabytes, int workers, bool dask, int repeats)
    {
        const int Columns = 8192;
        const int ChunkRows = 1024; // 32 MiB storage chunks; blocks of 4 chunks (128 MiB) by default
        var rows = (long)(gigabytes * 1e9 / (Columns * sizeof(float)));
        var path = MemoryBenchFiles.Float32(directory, rows, Columns, ChunkRows);
        var bytes = new FileInfo(path).Length;

        PlainRead(path); // warm the page cache
        // Medians of alternating runs: a plain read of the warm file moves by up to 2x from run to run here.
        var plainRuns = new List<double>();
        var meanRuns = new List<double>();
        var stdRuns = new List<double>();
        var recorder = new MemorySummaryRecorder();
        var options = new ComputeOptions { MemoryLimit = 1L << 30, MaxDegreeOfParallelism = workers, Observers = [recorder] };
        var x = BlockedArray.FromHdf5<float>(path, MemoryBenchFiles.Dataset);
        float mean = 0, std = 0;
        for (var r = 0; r < repeats; r++)
        {
            plainRuns.Add(PlainRead(path));
            var watch = Stopwatch.StartNew();
            mean = x.Mean().Compute(options);
            meanRuns.Add(watch.Elapsed.TotalSeconds);
            watch.Restart();
            std = x.Std().Compute(options);
            stdRuns.Add(watch.Elapsed.TotalSeconds);
        }
        var plain = Median(plainRuns);
        var (meanSeconds, stdSeconds) = (Median(meanRuns), Median(stdRuns));
        var ours = 2 * bytes / (meanSeconds + stdSeconds);
        Console.WriteLine($"W1 {bytes / 1e9:0.00} GB float32 {rows}x{Columns}, MemoryLimit 1 GiB: mean {mean} std {std}");
        Console.WriteLine($"   medians of {repeats}: plain read {plain / 1e9:0.00} GB/s | tessera {ours / 1e9:0.00} GB/s per pass (mean {meanSeconds:0.00} s, " +
                          $"std {stdSeconds:0.00} s) = {ours / plain:P0} of plain read | peak RSS {PeakRss() / (double)MiB:0} MiB");
        Console.WriteLine($"   runs: plain {string.Join(" ", plainRuns.Select(p => (p / 1e9).ToString("0.00", CultureInfo.InvariantCulture)))} GB/s; " +
                          $"mean {string.Join(" ", meanRuns.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))} s; " +
                          $"std {string.Join(" ", stdRuns.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))} s");
        Console.WriteLine($"   memory: {recorder.Last}");
        if (dask)
        {
            var (daskSeconds, daskMean, daskStd) = DaskMeanAndStd(path, ChunkRows * 4, workers);
            var theirs = 2 * bytes / daskSeconds;
            Console.WriteLine($"   dask.array {theirs / 1e9:0.00} GB/s per pass (mean {daskMean}, std {daskStd}); " +
                              $"tessera/dask = {ours / theirs:0.00}x");
        }
    }

    /// <summary>W2: the anomaly streamed to a new file under 512 MiB, then compared with the unlimited result.</summary>
    private static void Anomaly(string directory, int n, int workers)
    {
        var input = MemoryBenchFiles.Float64Square(directory, n, n / 8);
        var output = Path.Combine(directory, $"mem-anomaly-{n}.h5");
        var recorder = new MemorySummaryRecorder();
        var limit = 512 * MiB;
        var options = new ComputeOptions { MemoryLimit = limit, MaxDegreeOfParallelism = workers, Observers = [recorder] };
        var x = BlockedArray.FromHdf5<double>(input, MemoryBenchFiles.Dataset, chunks: [n / 8, n / 8]);
        var watch = Stopwatch.StartNew();
        // Chunked like the input: the reader used for the check rejects a contiguous dataset over 2 GB.
        (x - x.Mean(axis: 1, keepDims: true)).ToHdf5(output, "/anomaly",
            new Tessera.IO.Hdf5.Hdf5DatasetOptions { Chunks = [n / 8, n / 8] }, options);
        var seconds = watch.Elapsed.TotalSeconds;
        var rss = PeakRss();
        Console.WriteLine($"W2 {n}x{n} float64 ({8.0 * n * n / 1e9:0.00} GB), MemoryLimit 512 MiB: {seconds:0.00} s, " +
                          $"peak RSS {rss / (double)MiB:0} MiB = limit + {(rss - limit) / (double)MiB:0} MiB");
        Console.WriteLine($"   memory: {recorder.Last}");
        // Equal to the result computed without a limit: the difference is exactly zero everywhere.
        var written = BlockedArray.FromHdf5<double>(output, "/anomaly", chunks: [n / 8, n / 8]);
        var difference = BlockedArray.Abs(written - (x - x.Mean(axis: 1, keepDims: true))).Max().Compute(
            new ComputeOptions { MemoryLimit = limit, MaxDegreeOfParallelism = workers });
        Console.WriteLine($"   max |stored - unlimited| = {difference} ({(difference == 0 ? "equal" : "DIFFERENT")})");
        File.Delete(output);
    }

    /// <summary>
    /// W3: <c>x + x.T</c> computed to a tensor, x read from HDF5 and twice the limit: the output
    /// blocks wait, held, until the whole result is assembled, so they must spill and come back.
    /// (<c>(x + x.T).sum()</c> would not: the ordering pairs each block with its transposed partner
    /// soon enough that about one column of blocks is held.) Checked bit-identical to the result
    /// computed without a limit.
    /// </summary>
    private static void AddTranspose(string directory, long limit, int workers)
    {
        var n = (int)Math.Sqrt(2.0 * limit / sizeof(double));
        n -= n % 8;
        var path = MemoryBenchFiles.Float64Square(directory, n, n / 8);
        BlockedArray<double> X() => BlockedArray.FromHdf5<double>(path, MemoryBenchFiles.Dataset, chunks: [n / 8, n / 8]);
        var recorder = new MemorySummaryRecorder();
        var watch = Stopwatch.StartNew();
        var limited = (X() + X().T).Compute(
            new ComputeOptions { MemoryLimit = limit, MaxDegreeOfParallelism = workers, Observers = [recorder] });
        var seconds = watch.Elapsed.TotalSeconds;
        var rss = PeakRss();
        watch.Restart();
        var unlimited = (X() + X().T).Compute(new ComputeOptions { MaxDegreeOfParallelism = workers });
        var unlimitedSeconds = watch.Elapsed.TotalSeconds;
        var memory = recorder.Last!;
        Console.WriteLine($"W3 x + x.T, x {n}x{n} float64 from HDF5 ({8.0 * n * n / MiB:0} MiB), MemoryLimit {limit / MiB} MiB: " +
                          $"{seconds:0.00} s (no limit {unlimitedSeconds:0.00} s), peak RSS {rss / (double)MiB:0} MiB before the unlimited run " +
                          "(the returned tensor alone is twice the limit)");
        Console.WriteLine($"   spilled {memory.SpilledFrom(MemoryTier.Host) / (double)MiB:0} MiB in {memory.Spills} results, restored " +
                          $"{memory.RestoredInto(MemoryTier.Host) / (double)MiB:0} MiB; peak host {memory.PeakIn(MemoryTier.Host) / (double)MiB:0} MiB, " +
                          $"disk {memory.PeakIn(MemoryTier.Disk) / (double)MiB:0} MiB");
        var equal = limited.SequenceEqual(unlimited, BitEquality.Instance);
        Console.WriteLine($"   result vs no limit: {(equal ? "bit-identical" : "DIFFERENT")}");
    }

    private sealed class BitEquality : IEqualityComparer<double>
    {
        public static BitEquality Instance { get; } = new();

        public bool Equals(double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);

        public int GetHashCode(double obj) => obj.GetHashCode();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Bytes per second of reading the file front to back in 16 MiB requests.</summary>
    private static double PlainRead(string path)
    {
        var buffer = new byte[16 * MiB];
        var watch = Stopwatch.StartNew();
        long total = 0;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0))
        {
            int read;
            while ((read = file.Read(buffer)) > 0)
            {
                total += read;
            }
        }
        return total / watch.Elapsed.TotalSeconds;
    }

    private static (double Seconds, string Mean, string Std) DaskMeanAndStd(string path, int chunkRows, int workers)
    {
        var output = PythonOracle.Run(string.Create(CultureInfo.InvariantCulture, $$"""
            import time, h5py, dask, dask.array as da
            f = h5py.File({{Quote(path)}}, 'r')
            x = da.from_array(f['/data'], chunks=({{chunkRows}}, f['/data'].shape[1]))
            with dask.config.set(scheduler='threads', num_workers={{workers}}):
                t = time.perf_counter()
                m = x.mean().compute()
                s = x.std().compute()
                print(time.perf_counter() - t, m, s)
            """), TimeSpan.FromMinutes(60));
        var parts = output.Trim().Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), parts[1], parts[2]);
    }

    /// <summary>The process's peak resident set (VmHWM), what /usr/bin/time -v reports as maximum resident set size.</summary>
    private static long PeakRss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }

    private static string Quote(string path) => "'" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
