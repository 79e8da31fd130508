using System.Diagnostics;
using System.Globalization;

namespace Tessera.Arrays.Tests.Memory;

/// <summary>
/// The memory limit bounds the process, measured from outside: mean and std of a float32 HDF5
/// dataset read as float64 (issue #15's case) run in a separate process (MemoryProbe), which
/// samples its own anonymous resident memory (heap, not page cache). The limit is 64 MiB against
/// a 600 MB file (1.2 GB of float64 blocks flow through), and the peak must stay within limit + 256 MiB.
/// </summary>
public class MemoryLimitRssTests
{
    [Fact]
    public void MeanAndStdOfAFileLargerThanTheLimit_StayWithinLimitPlus256MiB()
    {
        var folder = Directory.CreateTempSubdirectory("tessera-rss-");
        try
        {
            const int LimitMiB = 64;
            var line = RunProbe(Path.Combine(folder.FullName, "x.h5"), megabytes: 600, LimitMiB);
            var fields = line.Split(' ').Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1]);
            var peak = long.Parse(fields["peak_rss_anon_mib"], CultureInfo.InvariantCulture);
            var baseline = long.Parse(fields["baseline_rss_anon_mib"], CultureInfo.InvariantCulture);
            Assert.True(peak <= LimitMiB + 256, $"peak anonymous RSS {peak} MiB exceeds the limit {LimitMiB} MiB + 256 MiB ({line})");
            Assert.True(peak > baseline, $"the probe saw no allocation at all, so it measured nothing ({line})");
            // The values are right: the file holds (i % 1009) / 4 for flat index i.
            var rows = long.Parse(fields["rows"], CultureInfo.InvariantCulture);
            var (mean, std) = ExpectedMoments(rows * 1000);
            Assert.Equal(mean, double.Parse(fields["mean"], CultureInfo.InvariantCulture), 1e-9);
            Assert.Equal(std, double.Parse(fields["std"], CultureInfo.InvariantCulture), 1e-9);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (double Mean, double Std) ExpectedMoments(long count)
    {
        double sum = 0, squares = 0;
        var full = count / 1009;
        for (var k = 0; k < 1009; k++)
        {
            var v = k * 0.25;
            var times = full + (k < count % 1009 ? 1 : 0);
            sum += v * times;
            squares += v * v * times;
        }
        var mean = sum / count;
        return (mean, Math.Sqrt((squares / count) - (mean * mean)));
    }

    private static string RunProbe(string file, int megabytes, int limitMiB)
    {
        var probe = Path.Combine(AppContext.BaseDirectory, "MemoryProbe.dll");
        Assert.True(File.Exists(probe), $"{probe} is missing; build tests/MemoryProbe (the solution build does).");
        var start = new ProcessStartInfo("dotnet", [probe, file, megabytes.ToString(CultureInfo.InvariantCulture), limitMiB.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "the memory probe did not finish in 5 minutes");
        Assert.True(process.ExitCode == 0, $"the memory probe failed ({process.ExitCode}): {error.Result}");
        return output.Result.Trim().Split('\n')[^1];
    }
}
