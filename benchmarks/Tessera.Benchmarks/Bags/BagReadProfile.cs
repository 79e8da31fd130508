using System.Diagnostics;
using System.Text.Json;
using Tessera.IO.Text;

namespace Tessera.Benchmarks.Bags;

/// <summary>
/// Where a bag read's time goes, one file on one thread: decompression alone, then line
/// splitting, then JSON parsing of full records. Run by <c>side-by-side bag --profile</c>.
/// </summary>
internal static class BagReadProfile
{
    public static void Run(string path)
    {
        var compression = TextStreams.CompressionOf(path);
        for (var round = 0; round < 2; round++)
        {
            var watch = Stopwatch.StartNew();
            long bytes = 0;
            using (var stream = TextStreams.OpenRead(path, compression))
            {
                var buffer = new byte[1 << 18];
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    bytes += read;
                }
            }
            var decode = watch.Elapsed.TotalSeconds;
            watch.Restart();
            long lines = 0;
            using (var reader = new TextBlock(path, 0, -1, compression).OpenLines())
            {
                while (reader.TryReadLine(out _))
                {
                    lines++;
                }
            }
            var split = watch.Elapsed.TotalSeconds;
            watch.Restart();
            long alices = 0;
            using (var reader = new TextBlock(path, 0, -1, compression).OpenLines())
            {
                while (reader.TryReadLine(out var line))
                {
                    if (JsonSerializer.Deserialize(line, BenchJson.Default.BenchAccount)!.Name == "Alice")
                    {
                        alices++;
                    }
                }
            }
            var parse = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"profile {Path.GetFileName(path)}: {bytes / 1e6:0.0} MB, {lines:N0} lines; decode {decode:0.000} s " +
                $"({bytes / 1e6 / decode:0} MB/s), +lines {split:0.000} s, +parse {parse:0.000} s ({parse / lines * 1e9:0} ns/record), {alices} Alice");
        }
    }
}
