using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5;

/// <summary>
/// A read allocates little beyond its output: chunk scratch is pooled, whole chunks are not
/// cached, and only chunks a partial selection uses go to the cache.
/// Allocation is counted process-wide, so these tests run alone (their own non-parallel collection).
/// </summary>
[Collection(ReadMemoryCollection.Name)]
public sealed class ReadMemoryTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"tessera-readmemory-{Guid.NewGuid():N}.h5");

    public void Dispose() => File.Delete(_path);

    private double[] Write(bool gzip)
    {
        var random = new Random(24);
        var values = Enumerable.Range(0, 1000 * 830).Select(_ => 280 + random.NextDouble()).ToArray();
        using var writer = Hdf5Writer.Create(_path);
        writer.CreateDataset<double>("x", [1000, 830],
            new Hdf5DatasetOptions { Chunks = [100, 100], CompressionLevel = gzip ? 1 : 0, Shuffle = gzip }).Write(values);
        return values;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WholeRead_AllocatesLittleMoreThanItsOutput_AndCachesNothing(bool gzip)
    {
        var values = Write(gzip);
        using var file = Hdf5File.Open(_path);
        var dataset = file.Dataset("x");
        dataset.Read<double>(); // warms the pool and the chunk index
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var tensor = dataset.Read<double>();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var output = values.Length * sizeof(double);
        // Before pooling this allocated about three outputs (a fresh array per chunk and filter stage).
        Assert.True(allocated < output * 1.1, $"a whole read of {output} bytes allocated {allocated} bytes");
        Assert.Equal(0, dataset.CachedChunkBytes);
        var read = new double[values.Length];
        tensor.FlattenTo(read);
        Assert.Equal(values, read);
    }

    [Fact]
    public void PartialRead_CachesTheChunksItUsesInPart_AndTheNextBandReadsCorrectly()
    {
        var values = Write(gzip: true);
        using var file = Hdf5File.Open(_path);
        var dataset = file.Dataset("x");
        var first = new double[40 * 830];
        dataset.ReadInto(new Hyperslab([0, 0], [40, 830]), first);
        Assert.Equal(9 * 100 * 100 * sizeof(double), dataset.CachedChunkBytes); // the 9 chunks of rows 0-99, each used in part
        var second = new double[60 * 830];
        dataset.ReadInto(new Hyperslab([40, 0], [60, 830]), second);
        Assert.Equal(values.AsSpan(0, 40 * 830).ToArray(), first);
        Assert.Equal(values.AsSpan(40 * 830, 60 * 830).ToArray(), second);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReadMemoryCollection
{
    public const string Name = "hdf5 read memory (serial)";
}
