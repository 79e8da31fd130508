using System.Globalization;
using System.Text.Json;
using Tessera.Arrays;
using Tessera.IO.Zarr;
using Tessera.Testing;
using static Tessera.Benchmarks.BenchmarkArgs;

namespace Tessera.Benchmarks.IO;

/// <summary>
/// The climate workflow on Zarr, Tessera beside xarray + dask in one invocation: open a
/// (time, 180, 360) float32 store that zarr-python wrote (Blosc LZ4 + byte shuffle, its default;
/// chunks of 32 days), compute the climatology (the mean over time per grid point) and the
/// anomalies against it, and write the anomalies to a new Zarr store. Then the Blosc read
/// throughput alone: the whole array through <see cref="ZarrArray.ReadInto{T}"/> against zarr-python's
/// <c>z.get_basic_selection(..., out=)</c>, both into one reused buffer. Target: at least 3x xarray + dask for the workflow. Run:
/// <c>dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- side-by-side zarr [--gib 1] [--repeats 3] [--dir /tmp/tessera-zarr-bench]</c>.
/// </summary>
internal sealed class ZarrSideBySide : ISideBySide
{
    private const int Lat = 180, Lon = 360, ChunkDays = 32;

    public string Name => "zarr";

    public string Description => "open + climatology + anomalies + write to Zarr vs xarray+dask; Blosc read vs zarr-python";

    public void Run(string[] args)
    {
        var gib = double.Parse(Text(args, "--gib", "1"), CultureInfo.InvariantCulture);
        var repeats = int.Parse(Text(args, "--repeats", "3"), CultureInfo.InvariantCulture);
        var dir = Text(args, "--dir", Path.Combine(Path.GetTempPath(), "tessera-zarr-bench"));
        var days = Math.Max(ChunkDays, (long)(gib * (1L << 30) / (Lat * Lon * sizeof(float))));
        var input = Path.Combine(dir, $"temperature-{days}.zarr");
        var bytes = days * Lat * Lon * sizeof(float);
        Directory.CreateDirectory(dir);
        Generate(input, days);

        // Page cache warm for both sides: one untimed read of every chunk first. The read row reads
        // into this same buffer on every repeat, as the Python side reads into one `out=` array:
        // first-touch page faults of a fresh gigabyte would otherwise dominate both.
        var buffer = ZarrArray.Open(input, "temperature").Read<float>();
        if (args.Contains("--profile"))
        {
            Profile(input, dir, repeats);
            return;
        }
        var ours = new List<double>();
        var ourRead = new List<double>();
        double readSum = 0;
        var output = Path.Combine(dir, "anomaly-tessera.zarr");
        for (var r = 0; r < repeats; r++)
        {
            ours.Add(Hdf5ReadTiming.Time(() =>
            {
                var t = BlockedArray.FromZarr<float>(input, "temperature");
                var anomaly = t - t.Mean(axis: 0, keepDims: true);
                anomaly.ToZarr(output, "anomaly", new ZarrWriteOptions { DimensionNames = ["time", "lat", "lon"] });
            }));
            GC.Collect();
            ourRead.Add(Hdf5ReadTiming.Time(() =>
            {
                ZarrArray.Open(input, "temperature").ReadInto<float>([0, 0, 0], [days, Lat, Lon], buffer);
                readSum = buffer[0] + buffer[^1];
            }));
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        var python = Python(input, Path.Combine(dir, "anomaly-xarray.zarr"), output, repeats);
        var workflow = Hdf5ReadTiming.Median(ours);
        var read = Hdf5ReadTiming.Median(ourRead);
        var theirWorkflow = python.GetProperty("workflow").GetDouble();
        var theirRead = python.GetProperty("read").GetDouble();
        Console.WriteLine($"## Zarr climate workflow (zarr), {days} x {Lat} x {Lon} float32 = {bytes / (double)(1L << 30):0.00} GiB, median of {repeats}");
        Console.WriteLine();
        Console.WriteLine("| workload | Tessera s | xarray+dask / zarr-python s | speed-up | Tessera MiB/s | Python MiB/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| open + climatology + anomalies + write (Blosc lz4) | {workflow:0.000} | {theirWorkflow:0.000} | {theirWorkflow / workflow:0.00}x | {Rate(bytes, workflow)} | {Rate(bytes, theirWorkflow)} |");
        Console.WriteLine($"| read whole array into a reused buffer, Blosc lz4 + shuffle | {read:0.000} | {theirRead:0.000} | {theirRead / read:0.00}x | {Rate(bytes, read)} | {Rate(bytes, theirRead)} |");
        Console.WriteLine();
        Console.WriteLine($"outputs agree (max |Tessera - xarray| over the first chunk): {python.GetProperty("maxdiff").GetDouble():E2}; " +
                          $"first+last element read: Tessera {readSum:R}, zarr-python {python.GetProperty("check").GetDouble():R}");
    }

    /// <summary>Where Tessera's workflow time goes: the mean alone, the anomalies into a null sink, the write of data in memory, the whole.</summary>
    private static void Profile(string input, string dir, int repeats)
    {
        BlockedArray<float> Open() => BlockedArray.FromZarr<float>(input, "temperature");
        var output = Path.Combine(dir, "profile-tessera.zarr");
        var options = new ZarrWriteOptions { DimensionNames = ["time", "lat", "lon"] };
        Console.WriteLine(FormattableString.Invariant($"load average {File.ReadAllText("/proc/loadavg").Trim()}"));
        ChunkEncoding(input, repeats);
        Console.WriteLine(FormattableString.Invariant($"mean {MedianTimer.Seconds(repeats, () => Open().Mean(axis: 0).Compute()):F3} s"));
        Console.WriteLine(FormattableString.Invariant($"anomaly Store(null sink) {MedianTimer.Seconds(repeats, () => { var t = Open(); (t - t.Mean(axis: 0, keepDims: true)).Store(new NullSink(t.Shape)); }):F3} s"));
        var inMemory = Open().Persist();
        Console.WriteLine(FormattableString.Invariant($"persisted input ToZarr (Blosc lz4) {MedianTimer.Seconds(repeats, () => inMemory.ToZarr(output, "a", options)):F3} s"));
        Console.WriteLine(FormattableString.Invariant($"persisted input ToZarr (uncompressed) {MedianTimer.Seconds(repeats, () => inMemory.ToZarr(output, "a", options with { Compressor = ZarrCompressor.None })):F3} s"));
        Console.WriteLine(FormattableString.Invariant($"anomaly ToZarr {MedianTimer.Seconds(repeats, () => { var t = Open(); (t - t.Mean(axis: 0, keepDims: true)).ToZarr(output, "a", options); }):F3} s"));
        Console.WriteLine(FormattableString.Invariant($"load average {File.ReadAllText("/proc/loadavg").Trim()}"));
    }

    /// <summary>
    /// One chunk's Blosc encoding (zarr-python's default: lz4, level 5, byte shuffle) against plain
    /// LZ4 of the same bytes shuffled, alternating: what the frame's blocks and split streams add.
    /// </summary>
    private static void ChunkEncoding(string input, int repeats)
    {
        var chunk = new float[ChunkDays * Lat * Lon];
        ZarrArray.Open(input, "temperature").ReadInto<float>([0, 0, 0], [ChunkDays, Lat, Lon], chunk);
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(chunk.AsSpan()).ToArray();
        var shuffled = new byte[bytes.Length];
        Tessera.IO.Zarr.Codecs.BloscShuffle.Shuffle(bytes, shuffled, sizeof(float));
        var target = new byte[K4os.Compression.LZ4.LZ4Codec.MaximumOutputSize(bytes.Length)];
        var blosc = ZarrCompressor.Blosc().Codec!;
        var sizes = new int[2];
        var rounds = Math.Max(5, repeats);
        var lz4 = MedianTimer.Seconds(rounds, () => sizes[0] = K4os.Compression.LZ4.LZ4Codec.Encode(shuffled, target));
        var frame = MedianTimer.Seconds(rounds, () => System.Buffers.ArrayPool<byte>.Shared.Return(blosc.Encode(bytes, sizeof(float), out sizes[1])));
        var lz4Again = MedianTimer.Seconds(rounds, () => sizes[0] = K4os.Compression.LZ4.LZ4Codec.Encode(shuffled, target));
        Console.WriteLine(FormattableString.Invariant(
            $"one {bytes.Length / 1e6:F1} MB chunk: Blosc lz4 frame {frame * 1e3:F1} ms ({sizes[1] / 1e6:F2} MB); LZ4 of the shuffled bytes alone {lz4 * 1e3:F1} / {lz4Again * 1e3:F1} ms ({sizes[0] / 1e6:F2} MB)"));
    }

    private sealed class NullSink(IReadOnlyList<long> shape) : IBlockSink<float>
    {
        public IReadOnlyList<long> Shape => shape;

        public void Write(long[] offset, long[] blockShape, ReadOnlySpan<float> values)
        {
        }
    }

    private static string Rate(long bytes, double seconds) => (bytes / seconds / (1 << 20)).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>Writes the input with zarr-python (its default compressor), 32 days at a time, once per size.</summary>
    private static void Generate(string path, long days)
    {
        if (File.Exists(Path.Combine(path, ".zmetadata")))
        {
            return;
        }
        PythonOracle.Run($$"""
            import numpy as np, zarr
            days = {{days}}
            root = zarr.open_group({{JsonSerializer.Serialize(path)}}, mode="w")
            z = root.create_dataset("temperature", shape=(days, {{Lat}}, {{Lon}}), chunks=({{ChunkDays}}, {{Lat}}, {{Lon}}), dtype="<f4")
            z.attrs["_ARRAY_DIMENSIONS"] = ["time", "lat", "lon"]
            lat = np.deg2rad(np.arange({{Lat}}) - 89.5)[None, :, None]
            rng = np.random.default_rng(26)
            for start in range(0, days, {{ChunkDays}}):
                n = min({{ChunkDays}}, days - start)
                season = np.cos(2 * np.pi * (start + np.arange(n)) / 365.25)[:, None, None]
                field = 273 + 25 * np.cos(lat) - 12 * np.sin(lat) * season + rng.uniform(-3, 3, (n, {{Lat}}, {{Lon}}))
                z[start:start + n] = np.round(field, 1).astype("<f4")
            zarr.consolidate_metadata({{JsonSerializer.Serialize(path)}})
            """, TimeSpan.FromMinutes(30));
    }

    /// <summary>The same workflow in xarray + dask (threaded scheduler, both cores) and zarr-python's whole-array read.</summary>
    private static JsonElement Python(string input, string output, string ours, int repeats) =>
        JsonDocument.Parse(PythonOracle.Run($$"""
            import json, time, statistics, numpy as np, xarray as xr, zarr, dask
            inp, out = {{JsonSerializer.Serialize(input)}}, {{JsonSerializer.Serialize(output)}}
            z = zarr.open_consolidated(inp)["temperature"]
            buffer = z[...]
            times, reads = [], []
            for _ in range({{repeats}}):
                t0 = time.perf_counter()
                ds = xr.open_zarr(inp)
                t = ds["temperature"]
                anomaly = t - t.mean("time")
                anomaly.to_dataset(name="anomaly").to_zarr(out, mode="w")
                times.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                z.get_basic_selection(Ellipsis, out=buffer)
                reads.append(time.perf_counter() - t0)
                check = float(buffer.ravel()[0]) + float(buffer.ravel()[-1])
            ours = zarr.open_consolidated({{JsonSerializer.Serialize(ours)}})["anomaly"][:{{ChunkDays}}]
            theirs = zarr.open_consolidated(out)["anomaly"][:{{ChunkDays}}]
            print(json.dumps({"workflow": statistics.median(times), "read": statistics.median(reads),
                              "maxdiff": float(np.abs(ours - theirs).max()), "check": check, "dask": dask.__version__}))
            """, TimeSpan.FromMinutes(60))).RootElement;
}
