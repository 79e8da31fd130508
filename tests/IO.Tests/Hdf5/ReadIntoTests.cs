using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5;

/// <summary>ReadInto fills a caller's array with exactly what Read returns, and rejects a wrong size.</summary>
public sealed class ReadIntoTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"tessera-readinto-{Guid.NewGuid():N}.h5");

    [Fact]
    public void ReadInto_GivesTheSameElementsAsRead_AcrossChunkBoundaries()
    {
        var values = Enumerable.Range(0, 37 * 53).Select(i => (float)(i * 0.25)).ToArray();
        using (var writer = Hdf5Writer.Create(_path))
        {
            writer.CreateDataset<float>("x", [37, 53], new Hdf5DatasetOptions { Chunks = [8, 16] }).Write(values);
        }
        using var file = Hdf5File.Open(_path);
        var dataset = file.Dataset("x");
        var selection = new Hyperslab([5, 7], [20, 31]);
        var expected = new float[20 * 31];
        dataset.Read<float>(selection).FlattenTo(expected);
        var actual = new float[20 * 31];
        dataset.ReadInto(selection, actual);
        Assert.Equal(expected, actual);
        Assert.Equal(values[(5 * 53) + 7], actual[0]);
    }

    [Fact]
    public void ReadInto_WithAWrongSizedDestination_SaysWhatItNeeds()
    {
        using (var writer = Hdf5Writer.Create(_path))
        {
            writer.CreateDataset<double>("x", [4, 4]).Write(new double[16]);
        }
        using var file = Hdf5File.Open(_path);
        var error = Assert.Throws<ArgumentException>(() => file.Dataset("x").ReadInto(new Hyperslab([0, 0], [2, 2]), new double[5]));
        Assert.Contains("4 elements", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => file.Dataset("x").ReadInto(new Hyperslab([0, 0], [2, 2]), new float[4]));
    }

    [Fact]
    public unsafe void ReadInto_SpanAndMemory_NativeAndSlicedDestinations_MatchRead()
    {
        var values = Enumerable.Range(0, 37 * 53).Select(i => (short)(i - 900)).ToArray();
        using (var writer = Hdf5Writer.Create(_path))
        {
            writer.CreateDataset<short>("x", [37, 53], new Hdf5DatasetOptions { Chunks = [8, 16] }).Write(values);
        }
        using var file = Hdf5File.Open(_path);
        var dataset = file.Dataset("x");
        var selection = new Hyperslab([5, 7], [20, 31]);
        var expected = new short[20 * 31];
        dataset.Read<short>(selection).FlattenTo(expected);

        // A slice of a larger array: Memory<T> backed by an array is read in place.
        var large = new short[1000];
        dataset.ReadInto(selection, large.AsMemory(100, 20 * 31));
        Assert.Equal(expected, large.AsSpan(100, 20 * 31).ToArray());
        Assert.All(large.Take(100), v => Assert.Equal(0, v));

        // Native memory: a span with no array behind it.
        var native = (short*)System.Runtime.InteropServices.NativeMemory.Alloc(20 * 31, sizeof(short));
        try
        {
            dataset.ReadInto(selection, new Span<short>(native, 20 * 31));
            Assert.Equal(expected, new Span<short>(native, 20 * 31).ToArray());
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.Free(native);
        }
        var error = Assert.Throws<ArgumentException>(() => dataset.ReadInto(selection, new short[10].AsSpan()));
        Assert.Contains("620 elements", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_path);
}
