using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5.Corpus;

/// <summary>
/// old_layouts.h5 (built byte by byte by Fixtures/make_old_layouts.py at test time, as HDF5
/// 1.4/1.6 wrote files): layout messages v1/v2 of every class, old fill value and modification
/// time messages, symbol-table groups. The corpus test compares its values with h5py; these
/// check the metadata and that corrupt old structures are called malformed.
/// </summary>
public sealed class OldLayoutFileTests
{
    private static string FixturePath => CorpusFiles.OldLayoutsPath;

    [Fact]
    public void LayoutV1Contiguous_ReadsWithOldFillValueAndOldModificationTime()
    {
        using var file = Hdf5File.Open(FixturePath);
        var ds = file.Dataset("/contiguous_f8be");
        Assert.Equal(Hdf5Layout.Contiguous, ds.Layout);
        Assert.Equal(new Hdf5DataType(Hdf5TypeClass.FloatingPoint, 8, true, Hdf5ByteOrder.BigEndian), ds.ElementType);
        Assert.Equal(0.5, ds.FillValue);
        Assert.Equal(new DateTimeOffset(2003, 9, 15, 12, 30, 45, TimeSpan.Zero), ds.ModificationTime);
        Assert.Equal([5L, 6L], ds.Shape);
        Assert.Equal(30, ds.Read<double>().FlattenedLength);
    }

    [Fact]
    public void LayoutV1Chunked_ReadsBTreeChunksAndFillsTheUnwrittenOne()
    {
        using var file = Hdf5File.Open(FixturePath);
        var ds = file.Dataset("/chunked_i4");
        Assert.Equal(Hdf5Layout.Chunked, ds.Layout);
        Assert.Equal([3L, 4L], ds.ChunkShape!);
        Assert.Equal(8, ds.StoredChunkCount);
        Assert.Equal(-1L, ds.FillValue);
        Assert.Null(ds.ModificationTime);
        var values = TensorAssert.Flatten(ds.Read<int>());
        for (int r = 0; r < 7; r++)
        {
            for (int c = 0; c < 9; c++)
            {
                // Chunk (1, 2) covers rows 3-5 and column 8 here; it was never written.
                int expected = r is >= 3 and <= 5 && c >= 8 ? -1 : (r * 9 + c) * 3 - 50;
                Assert.Equal(expected, values[r * 9 + c]);
            }
        }
    }

    [Fact]
    public void LayoutV2ChunkedDeflate_ReadsWithFillValueV2AndModificationTime()
    {
        using var file = Hdf5File.Open(FixturePath);
        var ds = file.Dataset("/deflate_u2");
        Assert.Equal(Hdf5Filter.Deflate, Assert.Single(ds.Filters).Id);
        Assert.Equal(new DateTimeOffset(2005, 1, 1, 0, 0, 0, TimeSpan.Zero), ds.ModificationTime);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (ushort)(i * 1000 + 7)), TensorAssert.Flatten(ds.Read<ushort>()));
    }

    [Fact]
    public void LayoutV2Compact_And_OldStyleSubgroup_Read()
    {
        using var file = Hdf5File.Open(FixturePath);
        var compact = file.Dataset("/compact_i2");
        Assert.Equal(Hdf5Layout.Compact, compact.Layout);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (short)((i - 6) * 1111)), TensorAssert.Flatten(compact.Read<short>()));
        Assert.Equal(["inner_u1"], file.Group("/sub").Members.Select(m => m.Name));
        Assert.Equal(new byte[] { 3, 1, 4, 1 }, TensorAssert.Flatten(file.Dataset("/sub/inner_u1").Read<byte>()));
    }

    [Fact]
    public void Bitfield_ReadsAsUnsignedBytes_AndAWrongTypeNamesByte()
    {
        using var file = Hdf5File.Open(FixturePath);
        var ds = file.Dataset("/zz_bitfield_b8");
        Assert.Equal(Hdf5TypeClass.BitField, ds.ElementType.Class);
        Assert.Equal(new byte[] { 0, 1, 2, 128, 255, 170 }, TensorAssert.Flatten(ds.Read<byte>()));
        var ex = Assert.Throws<InvalidOperationException>(() => ds.Read<sbyte>());
        Assert.Contains("Call Read<byte>() instead", ex.Message);
    }

    [Theory]
    [InlineData(0, 9, "data layout version 9 is not defined")]
    [InlineData(1, 0, "declares 0 dimensions")]
    [InlineData(2, 7, "layout class 7 is not defined for layout version 1")]
    public void CorruptLayoutV1_IsMalformed_NamingTheField(int field, byte value, string expected)
    {
        var bytes = File.ReadAllBytes(FixturePath);
        // The contiguous dataset's layout body: version 1, dimensionality 3, class 1, 5 reserved bytes.
        byte[] pattern = [1, 3, 1, 0, 0, 0, 0, 0];
        int at = bytes.AsSpan().IndexOf(pattern);
        Assert.True(at > 0 && bytes.AsSpan(at + 1).IndexOf(pattern) < 0, "the layout pattern must occur exactly once");
        bytes[at + field] = value;
        var path = Path.Combine(Path.GetTempPath(), $"tessera-oldlayout-{Guid.NewGuid():N}.h5");
        File.WriteAllBytes(path, bytes);
        try
        {
            using var file = Hdf5File.Open(path);
            var ex = Assert.Throws<Hdf5FormatException>(() => file.Dataset("/contiguous_f8be"));
            Assert.Contains(expected, ex.Message);
            Assert.Contains("data layout message", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
