using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5;

/// <summary>
/// The index-heavy file of the mutation test, read cleanly: fractal heaps with indirect
/// blocks (70 links, 40 attributes), v2 B-tree internal nodes, paged fixed arrays and
/// extensible arrays with secondary blocks.
/// </summary>
[Collection(Hdf5FilesCollection.Name)]
public sealed class IndexHeavyFileTests(Hdf5Files files)
{
    [Fact]
    public void Group_SeventyDenseLinks_AllListedInOrder()
    {
        using var file = Hdf5File.Open(files.PathOf("medium_latest.h5"));
        var names = file.Group("links").Members.Select(m => m.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 70).Select(i => $"a_rather_long_group_name_to_fill_heap_blocks_{i:000}"), names);
        Assert.All(file.Group("links").Members, m => Assert.Equal(Hdf5MemberKind.Group, m.Kind));
    }

    [Fact]
    public void Attributes_FortyDense_AllDecoded()
    {
        using var file = Hdf5File.Open(files.PathOf("medium_latest.h5"));
        var attrs = file.Root.Attributes;
        Assert.Equal(40, attrs.Count);
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(Enumerable.Range(0, i % 5 + 1).Select(v => (long)v), (long[])attrs[$"attribute_with_a_long_name_{i:000}"].Value!);
        }
    }

    [Fact]
    public void Read_OneByteChunksThroughLargeIndexes_MatchesPattern()
    {
        using var file = Hdf5File.Open(files.PathOf("medium_latest.h5"));
        Assert.Equal(Enumerable.Range(0, 1500).Select(i => (sbyte)(i % 100)), TensorAssert.Flatten(file.Dataset("ea").Read<sbyte>()));
        Assert.Equal(Enumerable.Range(0, 900).Select(i => (byte)(i % 200)), TensorAssert.Flatten(file.Dataset("bt2").Read<byte>()));
        Assert.Equal(Enumerable.Range(0, 2200).Select(i => (sbyte)(i % 90)), TensorAssert.Flatten(file.Dataset("fa").Read<sbyte>()));
    }
}
