using System.Numerics.Tensors;
using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5;

/// <summary>
/// The same checks against a file h5py wrote with libver earliest (superblock v0, v1 headers,
/// symbol tables, B-tree v1 chunk index) and one with libver latest (superblock v3, v2
/// headers, dense links/attributes, single-chunk/fixed-array/extensible-array/B-tree v2 indexes).
/// </summary>
[Collection(Hdf5FilesCollection.Name)]
public abstract class H5pyFileTests
{
    private readonly Hdf5Files _files;

    protected H5pyFileTests(Hdf5Files files) => _files = files;

    protected abstract string Name { get; }

    protected Hdf5File Open() => Hdf5File.Open(_files.PathOf(Name + ".h5"));

    protected void AssertMatches<T>(string path, string key, long[] shape) where T : unmanaged
    {
        using var file = Open();
        var tensor = file.Dataset(path).Read<T>();
        TensorAssert.Equal(_files.Expected(Name, key), shape, tensor);
    }

    [Fact]
    public void Read_ContiguousFloat64_MatchesH5py() => AssertMatches<double>("/contiguous_f8", "contiguous_f8", [733, 735]);

    [Fact]
    public void Read_ChunkedGzipShuffle_MatchesH5py() => AssertMatches<float>("gzip_shuffle_f4", "gzip_shuffle_f4", [733, 735]);

    [Fact]
    public void Read_Fletcher32WithGzip_MatchesH5py() => AssertMatches<int>("fletcher_gzip_i4", "fletcher_gzip_i4", [733, 735]);

    [Fact]
    public void Read_Fletcher32Only_MatchesH5py() => AssertMatches<short>("fletcher_only_i2", "fletcher_only_i2", [64, 48]);

    [Theory]
    [InlineData("i1"), InlineData("u1"), InlineData("i2"), InlineData("u2"), InlineData("i4")]
    [InlineData("u4"), InlineData("i8"), InlineData("u8"), InlineData("f4"), InlineData("f8")]
    public void Read_EveryNumericTypeBothOrdersBothLayouts_MatchesH5py(string code)
    {
        foreach (var order in new[] { "le", "be" })
        {
            foreach (var layout in new[] { "contiguous", "chunked" })
            {
                string path = $"types/{layout}_{code}{order}";
                string key = $"types.{code}{order}";
                switch (code)
                {
                    case "i1": AssertMatches<sbyte>(path, key, [101, 67]); break;
                    case "u1": AssertMatches<byte>(path, key, [101, 67]); break;
                    case "i2": AssertMatches<short>(path, key, [101, 67]); break;
                    case "u2": AssertMatches<ushort>(path, key, [101, 67]); break;
                    case "i4": AssertMatches<int>(path, key, [101, 67]); break;
                    case "u4": AssertMatches<uint>(path, key, [101, 67]); break;
                    case "i8": AssertMatches<long>(path, key, [101, 67]); break;
                    case "u8": AssertMatches<ulong>(path, key, [101, 67]); break;
                    case "f4": AssertMatches<float>(path, key, [101, 67]); break;
                    default: AssertMatches<double>(path, key, [101, 67]); break;
                }
            }
        }
    }

    [Fact]
    public void ElementType_BigEndianInt16_ReportsClassSizeSignAndOrder()
    {
        using var file = Open();
        var t = file.Dataset("types/chunked_i2be").ElementType;
        Assert.Equal(new Hdf5DataType(Hdf5TypeClass.FixedPoint, 2, true, Hdf5ByteOrder.BigEndian), t);
        Assert.Equal(new Hdf5DataType(Hdf5TypeClass.FloatingPoint, 8, true, Hdf5ByteOrder.LittleEndian), file.Dataset("contiguous_f8").ElementType);
        Assert.False(file.Dataset("types/contiguous_u4le").ElementType.IsSigned);
    }

    [Fact]
    public void Read_ChunksNeverWritten_ReadAsFillValue()
    {
        AssertMatches<int>("fill_i4", "fill_i4", [250, 250]);
        AssertMatches<float>("fill_f4_unwritten", "fill_f4_unwritten", [50, 30]);
        using var file = Open();
        Assert.Equal(-7L, file.Dataset("fill_i4").FillValue);
        Assert.Equal(1.5, file.Dataset("fill_f4_unwritten").FillValue);
    }

    [Fact]
    public void Read_CompactBigEndian_MatchesH5py()
    {
        AssertMatches<int>("compact_i4", "compact_i4", [4, 5]);
        using var file = Open();
        Assert.Equal(Hdf5Layout.Compact, file.Dataset("compact_i4").Layout);
        Assert.Null(file.Dataset("compact_i4").ChunkShape);
    }

    [Fact]
    public void Read_ScalarDataset_ReturnsOneValue()
    {
        using var file = Open();
        var ds = file.Dataset("scalar_f8");
        Assert.Empty(ds.Shape);
        var t = ds.Read<double>();
        Assert.Equal([3.25], TensorAssert.Flatten(t));
    }

    [Fact]
    public void Read_UnlimitedOneAxisManyChunks_MatchesH5py()
    {
        AssertMatches<short>("unlimited_1d", "unlimited_1d", [3000]);
        AssertMatches<double>("unlimited_rows", "unlimited_rows", [95, 67]);
        using var file = Open();
        Assert.Equal([-1L], file.Dataset("unlimited_1d").MaxShape);
        Assert.Equal(3000, file.Dataset("unlimited_1d").StoredChunkCount);
    }

    [Fact]
    public void Read_TwoChunksFarApartOnUnlimitedAxis_RestIsFillValue()
    {
        AssertMatches<sbyte>("sparse_1d", "sparse_1d", [30000]);
        using var file = Open();
        Assert.Equal(2, file.Dataset("sparse_1d").StoredChunkCount);
    }

    [Fact]
    public void Read_TwoUnlimitedAxes_MatchesH5py()
    {
        AssertMatches<sbyte>("unlimited_2d", "unlimited_2d", [60, 61]);
        AssertMatches<float>("unlimited_2d_gzip", "unlimited_2d_gzip", [70, 33]);
    }

    [Fact]
    public void Read_ThousandsOfFixedChunks_MatchesH5py()
    {
        AssertMatches<sbyte>("many_chunks", "many_chunks", [400, 400]);
        AssertMatches<ushort>("many_chunks_gzip", "many_chunks_gzip", [400, 400]);
    }

    [Fact]
    public void Read_SingleChunkPlainAndCompressed_MatchesH5py()
    {
        AssertMatches<double>("single_chunk", "single_chunk", [50, 40]);
        AssertMatches<double>("single_chunk_gzip", "single_chunk", [50, 40]);
    }

    [Fact]
    public void Read_EarlyAllocatedChunks_MatchesH5py() => AssertMatches<short>("early_alloc", "early_alloc", [30, 40]);

    [Fact]
    public void Read_MaxShapeLargerThanShape_MatchesH5py() => AssertMatches<int>("fixed_max", "fixed_max", [30, 40]);

    [Fact]
    public void Metadata_ChunkedGzipShuffle_ReportsChunksAndFilters()
    {
        using var file = Open();
        var ds = file.Dataset("gzip_shuffle_f4");
        Assert.Equal([733L, 735L], ds.Shape);
        Assert.Equal([100L, 128L], ds.ChunkShape!);
        Assert.Equal(Hdf5Layout.Chunked, ds.Layout);
        Assert.Equal([Hdf5Filter.Shuffle, Hdf5Filter.Deflate], ds.Filters.Select(f => f.Id));
        Assert.Equal(4, ds.Filters[1].ClientData[0]);
        Assert.Null(file.Dataset("contiguous_f8").ChunkShape);
    }

    [Fact]
    public void ReadChunkRaw_CompressedChunk_MatchesH5pyDirectChunkRead()
    {
        using var file = Open();
        var raw = file.Dataset("gzip_shuffle_f4").ReadChunkRaw(1, 1);
        Assert.NotNull(raw);
        Assert.Equal(0u, raw.FilterMask);
        Assert.Equal(_files.Expected(Name, "raw_chunk_1_1"), raw.Data);
        Assert.Null(file.Dataset("fill_i4").ReadChunkRaw(2, 2));
    }

    [Fact]
    public void Read_HyperslabWithSteps_MatchesNumpySlicing()
    {
        using var file = Open();
        var expected = TensorAssert.FromLittleEndian<float>(_files.Expected(Name, "gzip_shuffle_f4"));
        var selections = new[]
        {
            new Hyperslab([5, 17], [232, 103], [3, 7]),
            new Hyperslab([0, 0], [733, 735]),
            new Hyperslab([99, 127], [2, 2]),
            new Hyperslab([732, 734], [1, 1]),
            new Hyperslab([10, 700], [0, 5]),
            new Hyperslab([1, 3], [7, 3], [100, 300]),
        };
        foreach (var sel in selections)
        {
            var got = TensorAssert.Flatten(file.Dataset("gzip_shuffle_f4").Read<float>(sel));
            var want = new List<float>();
            for (long i = 0; i < sel.Count[0]; i++)
            {
                for (long j = 0; j < sel.Count[1]; j++)
                {
                    want.Add(expected[(sel.Start[0] + i * sel.Step[0]) * 735 + sel.Start[1] + j * sel.Step[1]]);
                }
            }
            Assert.Equal(want, got);
        }
    }

    [Fact]
    public void Read_HyperslabOfContiguousData_MatchesNumpySlicing()
    {
        using var file = Open();
        var expected = TensorAssert.FromLittleEndian<double>(_files.Expected(Name, "contiguous_f8"));
        var sel = new Hyperslab([400, 2], [300, 40], [1, 18]);
        var got = TensorAssert.Flatten(file.Dataset("contiguous_f8").Read<double>(sel));
        for (int i = 0; i < 300; i++)
        {
            for (int j = 0; j < 40; j++)
            {
                Assert.Equal(expected[(400 + i) * 735 + 2 + j * 18], got[i * 40 + j]);
            }
        }
    }

    [Fact]
    public void Read_WrongElementType_ErrorNamesBothTypes()
    {
        using var file = Open();
        var e = Assert.Throws<InvalidOperationException>(() => file.Dataset("gzip_shuffle_f4").Read<double>());
        Assert.Contains("float32", e.Message);
        Assert.Contains("float64", e.Message);
        Assert.Contains("Read<float>", e.Message);
        var e2 = Assert.Throws<InvalidOperationException>(() => file.Dataset("types/chunked_u2be").Read<short>());
        Assert.Contains("uint16", e2.Message);
        Assert.Contains("int16", e2.Message);
    }

    [Fact]
    public void Read_HyperslabOutsideShape_ThrowsWithAxis()
    {
        using var file = Open();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => file.Dataset("contiguous_f8").Read<double>(new Hyperslab([700, 0], [40, 1])));
        Assert.Contains("Axis 0", e.Message);
    }

    [Fact]
    public void Group_NestedPath_ListsMembersWithKinds()
    {
        using var file = Open();
        var g3 = file.Group("/g1/g2/g3");
        Assert.Equal([new Hdf5Member("leaf", Hdf5MemberKind.Dataset)], g3.Members);
        Assert.Equal(3L, g3.Attributes["depth"].Value);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), TensorAssert.Flatten(file.Group("g1").Dataset("g2/g3/leaf").Read<long>()));
        var root = file.Root.Members;
        Assert.Contains(new Hdf5Member("g1", Hdf5MemberKind.Group), root);
        Assert.Contains(new Hdf5Member("contiguous_f8", Hdf5MemberKind.Dataset), root);
    }

    [Fact]
    public void Group_FiftyThreeMembers_AllListedAndReadable()
    {
        using var file = Open();
        var many = file.Group("many");
        var names = many.Members.Select(m => m.Name).Order(StringComparer.Ordinal).ToList();
        var expected = Enumerable.Range(0, 50).Select(i => $"d{i:00}").Concat(["sub0", "sub1", "sub2"]).ToList();
        Assert.Equal(expected, names);
        Assert.Equal(3, many.Members.Count(m => m.Kind == Hdf5MemberKind.Group));
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal([i], TensorAssert.Flatten(many.Dataset($"d{i:00}").Read<int>()));
        }
    }

    [Fact]
    public void Dataset_SoftLinks_AreFollowedAbsoluteAndRelative()
    {
        using var file = Open();
        Assert.Contains(new Hdf5Member("soft_leaf", Hdf5MemberKind.SoftLink), file.Root.Members);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), TensorAssert.Flatten(file.Dataset("soft_leaf").Read<long>()));
        Assert.Equal([new Hdf5Member("leaf", Hdf5MemberKind.Dataset)], file.Group("/g1/g2/relative").Members);
        Assert.Equal(3L, file.Group("g1").Group("/g1/g2/relative").Attributes["depth"].Value);
    }

    [Fact]
    public void Group_TrackOrder_ListsMembersInCreationOrder()
    {
        using var file = Open();
        var ordered = file.Group("ordered");
        Assert.Equal(["zeta", "alpha", "mid"], ordered.Members.Select(m => m.Name));
        Assert.Equal("alpha", ordered.Attributes["alpha"].AsString());
        Assert.Equal([(byte)4], TensorAssert.Flatten(ordered.Dataset("zeta").Read<byte>()));
    }

    [Fact]
    public void Read_CommittedDatatype_ResolvedForDatasetsAndAttributes()
    {
        AssertMatches<ushort>("committed_type", "committed_type", [20, 3]);
        using var file = Open();
        Assert.Equal(Hdf5ByteOrder.BigEndian, file.Dataset("committed_type").ElementType.ByteOrder);
        Assert.Contains(new Hdf5Member("named_type", Hdf5MemberKind.NamedDatatype), file.Root.Members);
        Assert.Equal(new long[] { 7, 65535 }, file.Root.Attributes["committed_attr"].Value);
    }

    [Fact]
    public void Read_EmptyDataset_ReturnsEmptyTensorOfShape()
    {
        using var file = Open();
        var t = file.Dataset("empty").Read<float>();
        Assert.Equal([(nint)0, 5], t.Lengths.ToArray());
        Assert.Equal(0, t.FlattenedLength);
    }

    [Fact]
    public void Dataset_MissingPath_ErrorListsMembers()
    {
        using var file = Open();
        var e = Assert.Throws<KeyNotFoundException>(() => file.Dataset("/g1/nope"));
        Assert.Contains("g2", e.Message);
        Assert.Throws<InvalidOperationException>(() => file.Dataset("g1"));
    }

    [Fact]
    public void Attributes_NumericAndStringKinds_DecodeToTypedValues()
    {
        using var file = Open();
        var a = file.Root.Attributes;
        Assert.Equal(-42L, a["int_scalar"].Value);
        Assert.Equal(new[] { 1.5, 2.5, -3.0 }, a["float_array"].Value);
        Assert.Equal("hello", a["fixed_string"].Value);
        Assert.Equal("h\u00e9llo w\u00f6rld", a["vlen_string"].AsString());
        Assert.Equal(new[] { "a", "bc", "def" }, a["string_list"].Value);
        Assert.Equal((1UL << 63) + 5, a["u8"].Value);
        Assert.Equal(new long[] { 1, -2, 300 }, a["be_i2"].Value);
        Assert.Equal(Hdf5ByteOrder.BigEndian, a["be_i2"].Type.ByteOrder);
        Assert.Equal([3L], a["be_i2"].Shape);
        Assert.Equal((double)0.1f, a["f4_scalar"].AsDouble());
    }

    [Fact]
    public void Attributes_ThirtyOnOneDataset_AllDecoded()
    {
        using var file = Open();
        var a = file.Dataset("with_attrs").Attributes;
        Assert.Equal(31, a.Count);
        for (int i = 0; i < 30; i++)
        {
            Assert.Equal(i * 1.5, a[$"a{i:00}"].AsDouble());
        }
        Assert.Equal("kelvin", a["units"].AsString());
    }

    [Fact]
    public void Read_ChunksFromManyThreads_MatchSequentialRead()
    {
        using var file = Hdf5File.Open(_files.PathOf(Name + ".h5"), new Hdf5OpenOptions { ChunkCacheBytes = 256 << 10 });
        var ds = file.Dataset("gzip_shuffle_f4");
        var expected = TensorAssert.FromLittleEndian<float>(_files.Expected(Name, "gzip_shuffle_f4"));
        var blocks = new List<(long R, long C)>();
        for (long r = 0; r < 8; r++)
        {
            for (long c = 0; c < 6; c++)
            {
                blocks.Add((r, c));
            }
        }
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (int round = 0; round < 3; round++)
            {
                foreach (var (r, c) in blocks.Skip(t).Concat(blocks.Take(t)))
                {
                    long r0 = r * 100, c0 = c * 128;
                    long rn = Math.Min(100, 733 - r0), cn = Math.Min(128, 735 - c0);
                    var got = TensorAssert.Flatten(ds.Read<float>(new Hyperslab([r0, c0], [rn, cn])));
                    for (long i = 0; i < rn; i++)
                    {
                        for (long j = 0; j < cn; j++)
                        {
                            if (BitConverter.SingleToInt32Bits(got[i * cn + j]) != BitConverter.SingleToInt32Bits(expected[(r0 + i) * 735 + c0 + j]))
                            {
                                failures.Add($"thread {t} chunk ({r},{c}) element ({i},{j})");
                                return;
                            }
                        }
                    }
                    if (ds.ReadChunkRaw(r, c) is not { Data.Length: > 0 })
                    {
                        failures.Add($"thread {t} raw chunk ({r},{c}) missing");
                    }
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures);
    }
}

public sealed class EarliestFileTests(Hdf5Files files) : H5pyFileTests(files)
{
    protected override string Name => "earliest";

    [Fact]
    public void Open_H5pyDefaults_IsSuperblockV0()
    {
        using var file = Open();
        Assert.Equal(0, file.SuperblockVersion);
        Assert.Equal(ChunkIndexType.BTreeV1, file.Dataset("unlimited_2d").ChunkIndex);
        Assert.Equal(ChunkIndexType.BTreeV1, file.Dataset("many_chunks").ChunkIndex);
    }
}

public sealed class LatestFileTests(Hdf5Files files) : H5pyFileTests(files)
{
    protected override string Name => "latest";

    [Fact]
    public void Open_LibverLatest_IsSuperblockV3()
    {
        using var file = Open();
        Assert.Equal(3, file.SuperblockVersion);
        Assert.Equal(ChunkIndexType.SingleChunk, file.Dataset("single_chunk").ChunkIndex);
        Assert.Equal(ChunkIndexType.SingleChunk, file.Dataset("single_chunk_gzip").ChunkIndex);
        Assert.Equal(ChunkIndexType.FixedArray, file.Dataset("many_chunks").ChunkIndex);
        Assert.Equal(ChunkIndexType.FixedArray, file.Dataset("fixed_max").ChunkIndex);
        Assert.Equal(ChunkIndexType.ExtensibleArray, file.Dataset("unlimited_1d").ChunkIndex);
        Assert.Equal(ChunkIndexType.ExtensibleArray, file.Dataset("unlimited_rows").ChunkIndex);
        Assert.Equal(ChunkIndexType.BTreeV2, file.Dataset("unlimited_2d").ChunkIndex);
        Assert.Equal(ChunkIndexType.BTreeV2, file.Dataset("unlimited_2d_gzip").ChunkIndex);
        Assert.Equal(ChunkIndexType.Implicit, file.Dataset("early_alloc").ChunkIndex);
    }
}
