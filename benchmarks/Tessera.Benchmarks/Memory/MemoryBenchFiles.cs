using Tessera.IO.Hdf5;

namespace Tessera.Benchmarks.Memory;

/// <summary>
/// Inputs of the memory-tier workloads, written with Tessera's own HDF5 writer one band of
/// storage chunks at a time (the generator never holds the dataset), and reused while their shape
/// and chunks still match: writing 12 GB costs minutes.
/// </summary>
internal static class MemoryBenchFiles
{
    public const string Dataset = "/data";

    /// <summary>A chunked, uncompressed float32 dataset of <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    public static string Float32(string directory, long rows, int columns, int chunkRows) =>
        Ensure<float>(directory, $"mem-f32-{rows}x{columns}-c{chunkRows}.h5", rows, columns, chunkRows, columns,
            (r, c) => (float)Value(r, c));

    /// <summary>A chunked, uncompressed float64 dataset of <paramref name="n"/> × <paramref name="n"/>.</summary>
    public static string Float64Square(string directory, int n, int chunk) =>
        Ensure<double>(directory, $"mem-f64-{n}x{n}-c{chunk}.h5", n, n, chunk, chunk, Value);

    /// <summary>
    /// A field with structure and noise (a cheap integer hash, so generating 12 GB takes seconds):
    /// rows differ in mean, so the anomaly workload has real work to do.
    /// </summary>
    private static double Value(long row, long column)
    {
        var h = unchecked(((ulong)row * 0x9E3779B97F4A7C15UL) ^ ((ulong)column * 0xBF58476D1CE4E5B9UL));
        h ^= h >> 31;
        h = unchecked(h * 0x94D049BB133111EBUL);
        h ^= h >> 29;
        return 280.0 + (10.0 * Math.Sin(row * 1e-3)) + ((h >> 11) * (1.0 / (1UL << 53)) - 0.5);
    }

    private static string Ensure<T>(string directory, string name, long rows, int columns, int chunkRows, int chunkColumns,
        Func<long, long, T> value) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        if (Matches(path, rows, columns, chunkRows, chunkColumns))
        {
            Console.WriteLine($"reusing {path}");
            return path;
        }
        Console.WriteLine($"writing {path} ({rows * columns * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() / 1e9:0.0} GB) ...");
        using var writer = Hdf5Writer.Create(path);
        var dataset = writer.CreateDataset<T>(Dataset, [rows, columns], new Hdf5DatasetOptions { Chunks = [chunkRows, chunkColumns] });
        for (long r0 = 0; r0 < rows; r0 += chunkRows)
        {
            var bandRows = (int)Math.Min(chunkRows, rows - r0);
            for (var c0 = 0; c0 < columns; c0 += chunkColumns)
            {
                var width = Math.Min(chunkColumns, columns - c0);
                var block = new T[bandRows * width];
                Parallel.For(0, bandRows, r =>
                {
                    for (var c = 0; c < width; c++)
                    {
                        block[(r * width) + c] = value(r0 + r, c0 + c);
                    }
                });
                dataset.WriteBlock([r0, c0], [bandRows, width], block);
            }
        }
        return path;
    }

    private static bool Matches(string path, long rows, int columns, int chunkRows, int chunkColumns)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        try
        {
            using var file = Hdf5File.Open(path);
            var dataset = file.Dataset(Dataset);
            return dataset.Shape.SequenceEqual([rows, columns]) && (dataset.ChunkShape ?? []).SequenceEqual([chunkRows, chunkColumns]);
        }
        catch (Exception e) when (e is Hdf5FormatException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            return false;
        }
    }
}
