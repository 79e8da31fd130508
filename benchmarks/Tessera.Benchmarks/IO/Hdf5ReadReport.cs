using System.Globalization;

namespace Tessera.Benchmarks.IO;

/// <summary>Prints the markdown table kept in Hdf5ReadSideBySide.md.</summary>
internal static class Hdf5ReadReport
{
    /// <summary>
    /// Relative tolerance of the checksums: both sides sum about n^2 values near 280 in
    /// different orders (NumPy pairwise, ours in vector slices), so they agree to ~1e-12;
    /// 1e-9 still catches a single wrong chunk.
    /// </summary>
    private const double Tolerance = 1e-9;

    public static void Print(int n, int chunk, int repeats, IReadOnlyList<Hdf5ReadRow> rows)
    {
        var megabytes = (double)n * n * 8 / 1e6;
        Console.WriteLine();
        Console.WriteLine("## HDF5 read (hdf5-read)");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Dataset ({n}, {n}) float64 = {megabytes:F0} MB decoded, chunks ({chunk}, {chunk}). " +
            $"{Environment.ProcessorCount} cores visible; .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; " +
            $"load average {LoadAverage()}. Page cache warm (one untimed read first); median of {repeats} reads."));
        Console.WriteLine();
        Console.WriteLine("| file | stored MB | reader | seconds | MB/s (decoded) | speed-up vs h5py | sums agree |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            var stored = new FileInfo(r.File.Path).Length / 1e6;
            var agree = Math.Abs(r.Timing.Sum - r.Reference.Sum) <= Tolerance * Math.Abs(r.Reference.Sum)
                ? "yes" : $"NO ({r.Timing.Sum:R} vs {r.Reference.Sum:R})";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.File.Label} | {stored:F0} | {r.Reader} | {r.Timing.Seconds:F3} | {megabytes / r.Timing.Seconds:F0} | " +
                $"{r.Reference.Seconds / r.Timing.Seconds:F2}x | {agree} |"));
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
