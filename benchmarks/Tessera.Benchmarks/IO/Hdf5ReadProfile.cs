using System.Diagnostics;
using System.Globalization;
using Tessera.IO.Hdf5;

namespace Tessera.Benchmarks.IO;

/// <summary>
/// Where a chunk's time goes, one thread, every chunk once: the positional read of the stored
/// bytes, then each filter undone separately (inflate, unshuffle). Stopwatch-based because
/// neither perf nor dotnet-counters is available on the benchmark machines.
/// </summary>
internal static class Hdf5ReadProfile
{
    public static void Print(Hdf5BenchFile file, int n, int chunk)
    {
        using var h5 = Hdf5File.Open(file.Path, new Hdf5OpenOptions { ChunkCacheBytes = 0 });
        var ds = h5.Dataset(Hdf5BenchFiles.Dataset);
        var grid = (n + chunk - 1) / chunk;
        var chunkBytes = (long)chunk * chunk * 8;
        double read = 0, inflate = 0, unshuffle = 0;
        for (var i = 0; i < grid * grid; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var raw = ds.ReadChunkRaw(i / grid, i % grid)!;
            read += Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (!file.Compressed)
            {
                continue;
            }
            start = Stopwatch.GetTimestamp();
            var shuffled = DeflateFilter.Decode(raw.Data, chunkBytes, 0);
            inflate += Stopwatch.GetElapsedTime(start).TotalSeconds;
            start = Stopwatch.GetTimestamp();
            ShuffleFilter.Decode(shuffled, 8);
            unshuffle += Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        var mb = (double)n * n * 8 / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"profile {file.Label} (1 thread, {grid * grid} chunks): read stored bytes {read:F3} s, inflate {inflate:F3} s " +
            $"({(inflate > 0 ? mb / inflate : 0):F0} MB/s out), unshuffle {unshuffle:F3} s ({(unshuffle > 0 ? mb / unshuffle : 0):F0} MB/s)"));
        if (file.Compressed)
        {
            PrintUnshuffleBest(DeflateFilter.Decode(ds.ReadChunkRaw(0, 0)!.Data, chunkBytes, 0));
        }
    }

    /// <summary>
    /// Best of 7 on one chunk, against the byte-at-a-time loop the filter used before its vector
    /// path: the best run is the one a loaded machine disturbed least.
    /// </summary>
    private static void PrintUnshuffleBest(byte[] shuffled)
    {
        double Best(Action run) => Enumerable.Range(0, 7).Min(_ => Hdf5ReadTiming.Time(run));
        var vector = Best(() => ShuffleFilter.Decode(shuffled, 8));
        var bytewise = Best(() => BytewiseUnshuffle(shuffled));
        var mb = shuffled.Length / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"unshuffle one {mb:F0} MB chunk, best of 7: ShuffleFilter {mb / vector:F0} MB/s, byte-at-a-time loop {mb / bytewise:F0} MB/s"));
    }

    /// <summary>The old loop, allocating its output as the filter does, so both sides pay the same allocation.</summary>
    private static byte[] BytewiseUnshuffle(byte[] input)
    {
        var output = GC.AllocateUninitializedArray<byte>(input.Length);
        int count = input.Length / 8;
        for (int b = 0; b < 8; b++)
        {
            for (int i = 0; i < count; i++)
            {
                output[i * 8 + b] = input[b * count + i];
            }
        }
        return output;
    }
}
