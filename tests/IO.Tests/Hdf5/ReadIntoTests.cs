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

    public void Dispose() => File.Delete(_path);
}
