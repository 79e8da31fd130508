using System.Diagnostics;
using System.Globalization;
using static Tessera.Benchmarks.BenchmarkArgs;

namespace Tessera.Benchmarks.IO;

/// <summary>
/// Reading an (n, n) float64 dataset chunked (1000, 1000), unfiltered and with shuffle+gzip,
/// with Tessera's managed reader and with h5py in the same invocation, page cache warm.
/// Target on 2 cores: at least 1.7x h5py for gzip+shuffle and 1x for plain. Run:
/// <c>dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- side-by-side hdf5-read [--n 20000] [--chunk 1000] [--repeats 3] [--dir /tmp/tessera-hdf5-read] [--profile]</c>.
/// </summary>
internal sealed class Hdf5ReadSideBySide : ISideBySide
{
    public string Name => "hdf5-read";

    public string Description => "whole (n, n) float64 dataset, plain and gzip+shuffle: managed reader vs h5py";

    public void Run(string[] args)
    {
        var n = int.Parse(Text(args, "--n", "20000"), CultureInfo.InvariantCulture);
        var chunk = int.Parse(Text(args, "--chunk", "1000"), CultureInfo.InvariantCulture);
        var repeats = int.Parse(Text(args, "--repeats", "3"), CultureInfo.InvariantCulture);
        var dir = Text(args, "--dir", Path.Combine(Path.GetTempPath(), "tessera-hdf5-read"));
        var files = Hdf5BenchFiles.Ensure(dir, n, chunk);

        // Read<T> fills one array whose bytes must fit in an int-indexed span (2 GiB), so the
        // whole-dataset row exists only up to n = 16383.
        var wholeFits = (long)n * n * sizeof(double) <= Array.MaxLength;
        var rows = new List<Hdf5ReadRow>();
        var ours = new Dictionary<string, (Hdf5ReadTiming? Whole, Hdf5ReadTiming Chunks)>();
        foreach (var file in files)
        {
            ours[file.Label] = (wholeFits ? Hdf5ReadTessera.Whole(file, repeats) : null,
                Hdf5ReadTessera.ChunkByChunk(file, n, chunk, repeats, threads: 2));
            if (args.Contains("--profile"))
            {
                Hdf5ReadProfile.Print(file, n, chunk);
            }
        }
        // The tensors of the Tessera runs are garbage by now; return their memory before
        // h5py allocates its own copy (n = 20000 is 3.2 GB per copy).
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var h5py = Hdf5ReadH5py.Run(files, repeats);
        foreach (var file in files)
        {
            var reference = h5py[file.Label];
            var (whole, chunks) = ours[file.Label];
            if (whole is { } w)
            {
                rows.Add(new(file, "Tessera `Read<double>()` (whole, parallel chunks)", w, reference));
            }
            rows.Add(new(file, "Tessera chunk by chunk, 2 threads", chunks, reference));
            rows.Add(new(file, "h5py `f['data'][()]`", reference, reference));
        }
        Hdf5ReadReport.Print(n, chunk, repeats, rows);
        if (!wholeFits)
        {
            Console.WriteLine($"Read<double>() of the whole dataset is not timed: {(long)n * n * 8:N0} bytes exceed the 2 GiB one Read can return.");
        }
    }

}

/// <summary>Median wall seconds of the timed repeats and a checksum of what was read.</summary>
/// <param name="Seconds">Median over the repeats.</param>
/// <param name="Sum">Sum of all elements read, compared across readers within a tolerance (summation orders differ).</param>
internal readonly record struct Hdf5ReadTiming(double Seconds, double Sum)
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    public static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}

/// <summary>One line of the result table.</summary>
internal sealed record Hdf5ReadRow(Hdf5BenchFile File, string Reader, Hdf5ReadTiming Timing, Hdf5ReadTiming Reference);
