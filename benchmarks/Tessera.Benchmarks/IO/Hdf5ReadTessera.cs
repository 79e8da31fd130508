using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Tessera.IO.Hdf5;

namespace Tessera.Benchmarks.IO;

/// <summary>The Tessera side: the whole dataset in one call, and chunk by chunk as blocked arrays read it.</summary>
internal static class Hdf5ReadTessera
{
    /// <summary>
    /// <c>Read&lt;double&gt;()</c> of everything. The file is reopened for every repeat so the
    /// decoded-chunk cache of one repeat never serves the next (h5py's 1 MiB default cache
    /// cannot hold an 8 MB chunk either); the first read warms the page cache and the JIT.
    /// </summary>
    public static Hdf5ReadTiming Whole(Hdf5BenchFile file, int repeats)
    {
        double sum = 0;
        var times = new List<double>();
        for (var r = -1; r < repeats; r++)
        {
            using var h5 = Hdf5File.Open(file.Path);
            var ds = h5.Dataset(Hdf5BenchFiles.Dataset);
            Tensor<double>? values = null;
            var seconds = Hdf5ReadTiming.Time(() => values = ds.Read<double>());
            sum = Sum(values!);
            values = null;
            if (r >= 0)
            {
                times.Add(seconds);
            }
            GC.Collect();
        }
        return new(Hdf5ReadTiming.Median(times), sum);
    }

    /// <summary>
    /// One <c>Read&lt;double&gt;(Hyperslab)</c> per stored chunk on <paramref name="threads"/>
    /// threads, each chunk summed and dropped: the pattern of a blocked array whose blocks are
    /// the storage chunks, computed by the 2-worker scheduler. The per-chunk sum (about 1 ms per
    /// 8 MB) is inside the timing because without it nothing would consume the data.
    /// </summary>
    public static Hdf5ReadTiming ChunkByChunk(Hdf5BenchFile file, int n, int chunk, int repeats, int threads)
    {
        var grid = (n + chunk - 1) / chunk;
        var sums = new double[grid * grid];
        var times = new List<double>();
        for (var r = -1; r < repeats; r++)
        {
            using var h5 = Hdf5File.Open(file.Path);
            var ds = h5.Dataset(Hdf5BenchFiles.Dataset);
            var seconds = Hdf5ReadTiming.Time(() => Parallel.For(0, grid * grid, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            {
                long r0 = (long)(i / grid) * chunk, c0 = (long)(i % grid) * chunk;
                var block = ds.Read<double>(new Hyperslab([r0, c0], [Math.Min(chunk, n - r0), Math.Min(chunk, n - c0)]));
                sums[i] = Sum(block);
            }));
            if (r >= 0)
            {
                times.Add(seconds);
            }
        }
        return new(Hdf5ReadTiming.Median(times), sums.Sum());
    }

    /// <summary>Sums in slices of 2^20 so the rounding error stays near that of NumPy's pairwise sum.</summary>
    public static double Sum(Tensor<double> tensor)
    {
        var all = MemoryMarshal.CreateReadOnlySpan(ref tensor.GetPinnableReference(), checked((int)tensor.FlattenedLength));
        double total = 0;
        for (var start = 0; start < all.Length; start += 1 << 20)
        {
            total += TensorPrimitives.Sum(all.Slice(start, Math.Min(1 << 20, all.Length - start)));
        }
        return total;
    }
}
