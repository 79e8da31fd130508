using System.Text.Json;
using Tessera.Arrays.Reductions;
using Tessera.IO.Hdf5;
using Tessera.Testing;

namespace Tessera.Arrays.Tests.IO;

/// <summary>
/// Storing an elementwise layer: the store tasks compute its blocks themselves, into borrowed
/// memory, or band by band straight into the chunks of an unfiltered HDF5 dataset. The written
/// anomalies (the climate workflow, <c>t - t.Mean(0)</c>) must equal NumPy's from the same
/// input file, read back by h5py, for banded, compressed (whole-block) and contiguous outputs;
/// arrays sharing the layer must still be stored right.
/// </summary>
public sealed class ElementwiseStoreTests : IDisposable
{
    private const int Days = 23, Lat = 6, Lon = 7, ChunkDays = 5; // four whole chunks and an edge chunk of 3 days
    private static readonly ComputeOptions Cpu = new() { Device = Device.Cpu };
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tessera-elementwise-store-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_directory.FullName, name);

    private static float[] Temperatures() =>
        [.. Enumerable.Range(0, Days * Lat * Lon).Select(i => (float)((Math.Sin(i * 0.71) * 12) + 273 + (i % Lon)))];

    private string WriteInput()
    {
        var path = PathOf("input.h5");
        using var file = Hdf5File.Create(path);
        file.CreateDataset<float>("t", [Days, Lat, Lon], new Hdf5DatasetOptions { Chunks = [ChunkDays, Lat, Lon] }).Write(Temperatures());
        return path;
    }

    /// <summary>NumPy's anomalies of the input against what was written: the largest difference, and the output's chunks.</summary>
    private static (double MaxDifference, int[]? Chunks) CompareWithNumPy(string input, string output)
    {
        var json = JsonDocument.Parse(PythonOracle.Run($$$"""
            import h5py, json, numpy as np
            with h5py.File({{{JsonSerializer.Serialize(input)}}}, "r") as f:
                t = f["t"][()].astype(np.float64)
            with h5py.File({{{JsonSerializer.Serialize(output)}}}, "r") as f:
                a = f["a"][()]
                chunks = f["a"].chunks
            expected = t - t.mean(axis=0, keepdims=True)
            print(json.dumps({"max": float(np.abs(a - expected).max()), "shape": list(a.shape), "chunks": list(chunks) if chunks else None}))
            """)).RootElement;
        Assert.Equal([Days, Lat, Lon], json.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        var chunks = json.GetProperty("chunks");
        return (json.GetProperty("max").GetDouble(), chunks.ValueKind == JsonValueKind.Null ? null : [.. chunks.EnumerateArray().Select(e => e.GetInt32())]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(ChunkDays)]
    public void Anomalies_WrittenInBands_EqualNumPys(int bandDays)
    {
        var input = WriteInput();
        var output = PathOf($"bands-{bandDays}.h5");
        var t = BlockedArray.FromHdf5<float>(input, "t", [ChunkDays, Lat, Lon]);
        var before = RowBands.BandsMapped;
        // A band's bytes: a day of the input and a day of the output.
        using (RowBands.UseBandBytes(bandDays * 2 * Lat * Lon * sizeof(float)))
        {
            (t - t.Mean(axis: 0, keepDims: true)).ToHdf5(output, "a", new Hdf5DatasetOptions { Chunks = [ChunkDays, Lat, Lon] }, Cpu);
        }
        var (max, chunks) = CompareWithNumPy(input, output);
        Assert.True(max < 1e-4, $"anomalies differ from NumPy's by {max}");
        Assert.Equal([ChunkDays, Lat, Lon], chunks!);
        var bands = (4 * ((ChunkDays + bandDays - 1) / bandDays)) + ((3 + bandDays - 1) / bandDays);
        Assert.True(RowBands.BandsMapped - before >= bands, $"{RowBands.BandsMapped - before} bands written, expected at least {bands}");
    }

    [Fact]
    public void Anomalies_OfPackedNetCdf_DecodedAndWrittenInBands_EqualNumPys()
    {
        // int16 hundredths of a kelvin around 273.15, decoded to float32 as read (as xarray decodes it).
        var packed = PathOf("packed.nc");
        var raw = Temperatures().Select(v => (short)Math.Round((v - 273.15f) * 100f)).ToArray();
        BlockedArray.FromArray(raw, [Days, Lat, Lon], [ChunkDays, Lat, Lon]).ToNetCdf(packed, "t", ["time", "lat", "lon"],
            attrs: new Dictionary<string, object> { ["scale_factor"] = 0.01f, ["add_offset"] = 273.15f, ["_FillValue"] = (short)-32767 },
            storage: new Hdf5DatasetOptions { Chunks = [ChunkDays, Lat, Lon] }, computeOptions: Cpu);
        var output = PathOf("packed-anomalies.nc");
        var t = BlockedArray.FromNetCdf<float>(packed, "t", chunks: [ChunkDays, Lat, Lon]);
        var before = RowBands.BandsMapped;
        using (RowBands.UseBandBytes(2 * 2 * Lat * Lon * sizeof(float)))
        {
            (t - t.Mean(axis: 0, keepDims: true)).ToNetCdf(output, "a", ["time", "lat", "lon"],
                storage: new Hdf5DatasetOptions { Chunks = [ChunkDays, Lat, Lon] }, computeOptions: Cpu);
        }
        Assert.True(RowBands.BandsMapped - before >= 14, $"{RowBands.BandsMapped - before} bands written, expected at least 14");
        var max = JsonDocument.Parse(PythonOracle.Run($$$"""
            import h5py, json, numpy as np
            with h5py.File({{{JsonSerializer.Serialize(packed)}}}, "r") as f:
                t = f["t"][()].astype(np.float32) * np.float32(0.01) + np.float32(273.15)
            with h5py.File({{{JsonSerializer.Serialize(output)}}}, "r") as f:
                a = f["a"][()]
            print(json.dumps({"max": float(np.abs(a - (t - t.mean(axis=0, keepdims=True))).max())}))
            """)).RootElement.GetProperty("max").GetDouble();
        Assert.True(max < 1e-3, $"packed anomalies differ from NumPy's by {max}");
    }

    [Fact]
    public void Anomalies_CompressedOrContiguousOutput_WrittenWhole_EqualNumPys()
    {
        var input = WriteInput();
        var t = BlockedArray.FromHdf5<float>(input, "t", [ChunkDays, Lat, Lon]);
        var anomalies = t - t.Mean(axis: 0, keepDims: true);
        var compressed = PathOf("compressed.h5");
        anomalies.ToHdf5(compressed, "a", new Hdf5DatasetOptions { Chunks = [ChunkDays, Lat, Lon], CompressionLevel = 4, Shuffle = true }, Cpu);
        Assert.True(CompareWithNumPy(input, compressed).MaxDifference < 1e-4);
        var contiguous = PathOf("contiguous.h5");
        anomalies.ToHdf5(contiguous, "a", computeOptions: Cpu);
        var (max, chunks) = CompareWithNumPy(input, contiguous);
        Assert.True(max < 1e-4, $"contiguous anomalies differ from NumPy's by {max}");
        Assert.Null(chunks);
    }

    [Fact]
    public void Store_ArraysSharingAnElementwiseLayer_AndOneStoredTwice_MatchCompute()
    {
        var values = Temperatures().Select(v => (double)v).ToArray();
        var x = BlockedArray.FromArray(values, [Days, Lat * Lon], [ChunkDays, Lat * Lon]);
        var y = (x * 2) - 1;
        var z = y + x.Mean(axis: 0, keepDims: true);
        var targets = new[] { new double[values.Length], new double[values.Length], new double[values.Length] };
        BlockedArray.Store([y, z, y], [.. targets.Select(a => (IBlockSink<double>)new ArrayBlockSink<double>(a, Days, Lat * Lon))], Cpu);
        var means = Enumerable.Range(0, Lat * Lon).Select(c => Enumerable.Range(0, Days).Average(d => values[(d * Lat * Lon) + c])).ToArray();
        Assert.Equal(values.Select(v => (v * 2) - 1), targets[0]);
        Assert.Equal(values.Select(v => (v * 2) - 1), targets[2]);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal((values[i] * 2) - 1 + means[i % (Lat * Lon)], targets[1][i], 1e-9);
        }
    }
}
