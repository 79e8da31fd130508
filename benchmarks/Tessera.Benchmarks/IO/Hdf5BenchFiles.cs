using System.Globalization;
using Tessera.IO.Hdf5;
using Tessera.Testing;

namespace Tessera.Benchmarks.IO;

/// <summary>One benchmark input: a square float64 dataset "/data" written by h5py.</summary>
/// <param name="Label">Short name for the table ("plain", "gzip+shuffle").</param>
/// <param name="Path">The file.</param>
/// <param name="Compressed">Whether the dataset is written with shuffle then gzip level 4.</param>
internal sealed record Hdf5BenchFile(string Label, string Path, bool Compressed);

/// <summary>
/// Generates the inputs once with h5py and reuses them while their shape, chunks and filters
/// still match, because writing 2 x 3.2 GB (gzip is single-threaded in HDF5) costs minutes.
/// </summary>
internal static class Hdf5BenchFiles
{
    public const string Dataset = "/data";

    public static Hdf5BenchFile[] Ensure(string directory, int n, int chunk)
    {
        Directory.CreateDirectory(directory);
        Hdf5BenchFile[] files =
        [
            new("plain", System.IO.Path.Combine(directory, $"read-{n}-c{chunk}-plain.h5"), false),
            new("gzip+shuffle", System.IO.Path.Combine(directory, $"read-{n}-c{chunk}-gzip-shuffle.h5"), true),
        ];
        foreach (var file in files)
        {
            if (Matches(file, n, chunk))
            {
                Console.WriteLine($"reusing {file.Path}");
                continue;
            }
            Console.WriteLine($"writing {file.Path} with h5py ...");
            PythonOracle.Run(Script(file, n, chunk), TimeSpan.FromMinutes(30));
        }
        return files;
    }

    /// <summary>Checked with our own reader, so a half-written or foreign file is regenerated rather than trusted.</summary>
    private static bool Matches(Hdf5BenchFile file, int n, int chunk)
    {
        if (!File.Exists(file.Path))
        {
            return false;
        }
        try
        {
            using var h5 = Hdf5File.Open(file.Path);
            var ds = h5.Dataset(Dataset);
            var filters = ds.Filters.Select(f => f.Id).ToArray();
            return ds.Shape.SequenceEqual([n, n])
                && (ds.ChunkShape ?? []).SequenceEqual([chunk, chunk])
                && ds.StoredChunkCount == ChunkCount(n, chunk)
                && filters.SequenceEqual(file.Compressed ? [Hdf5Filter.Shuffle, Hdf5Filter.Deflate] : Array.Empty<int>());
        }
        catch (Exception e) when (e is Hdf5FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    public static int ChunkCount(int n, int chunk) => (int)Math.Pow((n + chunk - 1) / chunk, 2);

    /// <summary>
    /// A temperature-like field: 280 K plus a smooth large-scale pattern plus small noise. The
    /// noise keeps the low mantissa bytes incompressible while exponent and high mantissa bytes
    /// repeat, which is what real float64 model output looks like to shuffle+deflate (a pure
    /// random array would not compress, a pure smooth one would compress unrealistically well).
    /// Rows are written one chunk-row at a time so the generator never holds the whole array.
    /// </summary>
    private static string Script(Hdf5BenchFile file, int n, int chunk) => string.Create(CultureInfo.InvariantCulture, $$"""
        import os, h5py, numpy as np
        n, c, path = {{n}}, {{chunk}}, {{Quote(file.Path)}}
        kw = dict(compression='gzip', compression_opts=4, shuffle=True) if {{(file.Compressed ? "True" : "False")}} else {}
        rng = np.random.default_rng(20261122)
        x = np.linspace(0.0, 6.0 * np.pi, n)
        tmp = path + '.partial'
        with h5py.File(tmp, 'w') as f:
            d = f.create_dataset('data', shape=(n, n), dtype='f8', chunks=(c, c), **kw)
            for r0 in range(0, n, c):
                r1 = min(n, r0 + c)
                y = x[r0:r1, None]
                d[r0:r1] = 280.0 + 15.0 * np.sin(y) * np.cos(0.5 * x[None, :]) + 0.05 * rng.standard_normal((r1 - r0, n))
        os.replace(tmp, path)
        """);

    public static string Quote(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
