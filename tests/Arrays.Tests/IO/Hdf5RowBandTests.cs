using Tessera.Arrays.Reductions;
using Tessera.IO.Hdf5;

namespace Tessera.Arrays.Tests.IO;

/// <summary>
/// Reductions over axis 0 of datasets stored as whole uncompressed rows read each block a band of
/// rows at a time and merge the bands' partials: results must match the same reductions in
/// memory (to rounding: the bands group the sums differently), with uneven last bands and
/// blocks, for one and several file operands, and storage that cannot be read in bands must
/// keep the whole-block path.
/// </summary>
public sealed class Hdf5RowBandTests : IDisposable
{
    private const int Rows = 301, Cols = 67;
    private const int BandRows = 3; // blocks of 100 rows: 33 bands of 3 and one of 1; the last block one of 1
    // A reduction over axis 0 alone keeps a row per band: bands pay only 32 rows deep (RowBands.Pay).
    private const int AxisZeroBandRows = 33;
    // Bands are a CPU path (device backends take whole device buffers): run there whatever TESSERA_DEVICE says.
    private static readonly ComputeOptions Cpu = new() { Device = Device.Cpu };
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tessera-h5-bands-");

    public void Dispose() => _directory.Delete(recursive: true);

    public static TheoryData<string> Layouts => ["chunked", "contiguous"];

    private static double[] Values(int seed) =>
        [.. Enumerable.Range(0, Rows * Cols).Select(i => (Math.Sin((i + seed) * 0.013) * 100) + ((i * seed) % 7) + 1000)];

    private string Write(string layout, bool compressed = false)
    {
        var path = Path.Combine(_directory.FullName, $"{layout}-{compressed}.h5");
        var options = layout == "contiguous" ? new Hdf5DatasetOptions()
            : new Hdf5DatasetOptions { Chunks = [40, Cols], CompressionLevel = compressed ? 4 : 0 };
        using var file = Hdf5File.Create(path);
        file.CreateDataset<double>("x", [Rows, Cols], options).Write(Values(1));
        file.CreateDataset<double>("y", [Rows, Cols], options).Write(Values(5));
        file.CreateDataset<float>("f", [Rows, Cols], options).Write([.. Values(3).Select(v => (float)v)]);
        return path;
    }

    private static T InBands<T>(Func<T> compute, int rows = BandRows)
    {
        using (RowBands.UseBandBytes(rows * Cols * sizeof(double)))
        {
            return compute();
        }
    }

    private static void Close(double expected, double actual, string what, double relative = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}");

    private static void CloseAll(double[] expected, double[] actual, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Close(expected[i], actual[i], $"{what} [{i}]", relative);
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ReductionsOverAxisZero_InBands_MatchTheSameReductionsInMemory(string layout)
    {
        var path = Write(layout);
        var x = BlockedArray.FromHdf5<double>(path, "/x", [100, Cols]);
        var y = BlockedArray.FromHdf5<double>(path, "/y", [100, Cols]);
        var mx = BlockedArray.FromArray(Values(1), [Rows, Cols], [100, Cols]);
        var my = BlockedArray.FromArray(Values(5), [Rows, Cols], [100, Cols]);
        var before = RowBands.BandsMapped;

        Close(mx.Sum().Compute(Cpu), InBands(() => x.Sum().Compute(Cpu)), "sum");
        Close(mx.Mean().Compute(Cpu), InBands(() => x.Mean().Compute(Cpu)), "mean");
        Close(mx.Std().Compute(Cpu), InBands(() => x.Std().Compute(Cpu)), "std");
        Close(mx.Var(ddof: 1).Compute(Cpu), InBands(() => x.Var(ddof: 1).Compute(Cpu)), "var ddof 1");
        Assert.Equal(mx.Min().Compute(Cpu), InBands(() => x.Min().Compute(Cpu)));
        Assert.Equal(mx.Max().Compute(Cpu), InBands(() => x.Max().Compute(Cpu)));
        Close(((mx * 0.0) + 1.0001).Prod().Compute(Cpu), InBands(() => ((x * 0.0) + 1.0001).Prod().Compute(Cpu)), "prod");
        Close(((mx * my) - mx).Sum().Compute(Cpu), InBands(() => ((x * y) - x).Sum().Compute(Cpu)), "sum(x*y - x), two file operands");
        CloseAll(mx.Sum(0).Compute(Cpu).ToArray(), InBands(() => x.Sum(0).Compute(Cpu).ToArray(), AxisZeroBandRows), 1e-12, "x.Sum(0)");
        CloseAll(mx.Std(0).Compute(Cpu).ToArray(), InBands(() => x.Std(0).Compute(Cpu).ToArray(), AxisZeroBandRows), 1e-12, "x.Std(0)");
        CloseAll(mx.Max(0).Compute(Cpu).ToArray(), InBands(() => x.Max(0).Compute(Cpu).ToArray(), AxisZeroBandRows), 0, "x.Max(0)");

        // Eight full reductions of 3 blocks in 34 bands (the last block, one row, reads whole), and
        // three over axis 0 alone of 3 blocks in 4 bands.
        Assert.True(RowBands.BandsMapped - before >= (8 * 3 * 34) + (3 * 3 * 4), $"{RowBands.BandsMapped - before} bands mapped");
    }

    [Fact]
    public void Float32_MeanAndStd_InBands_MatchMemory()
    {
        var path = Write("chunked");
        var f = BlockedArray.FromHdf5<float>(path, "/f", [100, Cols]);
        var m = BlockedArray.FromArray([.. Values(3).Select(v => (float)v)], [Rows, Cols], [100, Cols]);
        Close(m.Mean().Compute(Cpu), InBands(() => f.Mean().Compute(Cpu)), "float32 mean", 1e-6);
        Close(m.Std().Compute(Cpu), InBands(() => f.Std().Compute(Cpu)), "float32 std", 1e-6);
    }

    [Fact]
    public void OneAndThreeDimensionalDatasets_InBands_MatchMemory()
    {
        // A series (bands of elements) and a climate-style cube (days × lat × lon, chunked by days).
        var path = Path.Combine(_directory.FullName, "ranks.h5");
        var series = Values(2);
        using (var file = Hdf5File.Create(path))
        {
            file.CreateDataset<double>("series", [series.Length], new Hdf5DatasetOptions { Chunks = [1000] }).Write(series);
            file.CreateDataset<double>("cube", [Rows, 7, 9], new Hdf5DatasetOptions { Chunks = [25, 7, 9] })
                .Write([.. Values(4).Take(Rows * 7 * 9)]);
        }
        var before = RowBands.BandsMapped;
        var s = BlockedArray.FromHdf5<double>(path, "/series", [5000]);
        var ms = BlockedArray.FromArray(series, [series.Length], [5000]);
        using (RowBands.UseBandBytes(300 * sizeof(double)))
        {
            Close(ms.Sum().Compute(Cpu), s.Sum().Compute(Cpu), "series sum");
            Close(ms.Std().Compute(Cpu), s.Std().Compute(Cpu), "series std");
        }
        int[] cubeShape = [Rows, 7, 9];
        var c = BlockedArray.FromHdf5<double>(path, "/cube", [100, 7, cubeShape[2]]);
        var mc = BlockedArray.FromArray([.. Values(4).Take(cubeShape.Aggregate(1, (a, b) => a * b))], [.. cubeShape.Select(d => (long)d)], [100, 7, cubeShape[2]]);
        using (RowBands.UseBandBytes(2 * 7 * cubeShape[2] * sizeof(double)))
        {
            CloseAll(mc.Mean(0).Compute(Cpu).ToArray(), c.Mean(0).Compute(Cpu).ToArray(), 1e-12, "cube mean over days");
            Close(mc.Var().Compute(Cpu), c.Var().Compute(Cpu), "cube var");
        }
        Assert.True(RowBands.BandsMapped - before >= 4 * 17, $"{RowBands.BandsMapped - before} bands mapped");
    }

    [Fact]
    public void CompressedOrPartialWidthStorage_KeepsWholeBlocks_AndGivesTheSameResults()
    {
        // Compressed chunks would be decoded once per band; blocks narrower than the rows are not contiguous bands.
        var compressed = BlockedArray.FromHdf5<double>(Write("chunked", compressed: true), "/x", [100, Cols]);
        var narrow = BlockedArray.FromHdf5<double>(Write("contiguous"), "/x", [100, 30]);
        var memory = BlockedArray.FromArray(Values(1), [Rows, Cols], [100, Cols]);
        Assert.Equal(memory.Sum().Compute(Cpu), InBands(() => compressed.Sum().Compute(Cpu)));
        Assert.Equal(memory.Std().Compute(Cpu), InBands(() => compressed.Std().Compute(Cpu)));
        Close(memory.Sum().Compute(Cpu), InBands(() => narrow.Sum().Compute(Cpu)), "sum of narrow blocks");
    }
}
