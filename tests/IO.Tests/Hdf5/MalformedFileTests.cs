using System.Buffers.Binary;
using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5;

/// <summary>Damaged files must fail with <see cref="Hdf5FormatException"/> naming structure and offset.</summary>
[Collection(Hdf5FilesCollection.Name)]
public sealed class MalformedFileTests(Hdf5Files files) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void ReadEverything(string path)
    {
        using var file = Hdf5File.Open(path);
        foreach (var m in file.Root.Members)
        {
            if (m.Kind == Hdf5MemberKind.Dataset)
            {
                var ds = file.Dataset(m.Name);
                _ = ds.Attributes.Count;
                if (ds.ElementType.Class == Hdf5TypeClass.FloatingPoint && ds.ElementType.Size == 8)
                {
                    ds.Read<double>();
                }
            }
        }
    }

    [Fact]
    public void Open_NotHdf5_ThrowsFormatErrorNamingSuperblock()
    {
        var e = Assert.Throws<Hdf5FormatException>(() => Hdf5File.Open(Write("text.h5", "just some text, not HDF5 at all"u8.ToArray())));
        Assert.Equal("superblock", e.Structure);
        Assert.Contains("signature", e.Message);
    }

    [Fact]
    public void Open_EmptyFile_ThrowsFormatError() =>
        Assert.Throws<Hdf5FormatException>(() => Hdf5File.Open(Write("empty.h5", [])));

    [Theory]
    [InlineData("small_earliest.h5")]
    [InlineData("small_latest.h5")]
    [InlineData("climate.nc")]
    public void Open_TruncatedFile_ThrowsFormatError(string name)
    {
        var bytes = File.ReadAllBytes(files.PathOf(name));
        foreach (var length in new[] { 8, 40, 100, 300, 1000, bytes.Length / 2, bytes.Length - 100 })
        {
            var path = Write($"trunc-{length}-{name}", bytes[..length]);
            var e = Assert.Throws<Hdf5FormatException>(() => ReadAllOf(path));
            Assert.True(e.Offset >= -1, e.Message);
        }
    }

    private static void ReadAllOf(string path)
    {
        using var file = Hdf5File.Open(path);
        RobustnessWalker.Walk(file);
    }

    [Fact]
    public void Open_SuperblockV3ChecksumWrong_ThrowsFormatError()
    {
        var bytes = File.ReadAllBytes(files.PathOf("small_latest.h5"));
        bytes[20] ^= 0x01; // inside the base/extension address fields, covered by the checksum
        var e = Assert.Throws<Hdf5FormatException>(() => Hdf5File.Open(Write("sb.h5", bytes)));
        Assert.Contains("checksum", e.Message);
    }

    [Fact]
    public void Read_Fletcher32ChunkCorrupted_ThrowsFormatErrorAtChunk()
    {
        var path = files.PathOf("earliest.h5");
        byte[] raw;
        using (var file = Hdf5File.Open(path))
        {
            raw = file.Dataset("fletcher_only_i2").ReadChunkRaw(1, 2)!.Data;
        }
        var bytes = File.ReadAllBytes(path);
        int at = bytes.AsSpan().IndexOf(raw);
        Assert.True(at > 0);
        bytes[at + 100] ^= 0x40;
        using var bad = Hdf5File.Open(Write("fletcher.h5", bytes));
        var e = Assert.Throws<Hdf5FormatException>(() => bad.Dataset("fletcher_only_i2").Read<short>());
        Assert.Equal("fletcher32 chunk", e.Structure);
        Assert.Equal(at, e.Offset);
    }

    [Fact]
    public void Read_DeflateStreamCorrupted_ThrowsFormatError()
    {
        var path = files.PathOf("earliest.h5");
        byte[] raw;
        using (var file = Hdf5File.Open(path))
        {
            raw = file.Dataset("gzip_shuffle_f4").ReadChunkRaw(2, 3)!.Data;
        }
        var bytes = File.ReadAllBytes(path);
        int at = bytes.AsSpan().IndexOf(raw);
        for (int i = 0; i < 64; i++)
        {
            bytes[at + raw.Length / 2 + i] ^= 0x5A;
        }
        using var bad = Hdf5File.Open(Write("deflate.h5", bytes));
        var e = Assert.Throws<Hdf5FormatException>(() => bad.Dataset("gzip_shuffle_f4").Read<float>());
        Assert.Equal(at, e.Offset);
    }

    [Fact]
    public void Read_ChunkBTreeChildPointsBackToRoot_ThrowsCycleError()
    {
        var path = files.PathOf("earliest.h5");
        long root;
        using (var file = Hdf5File.Open(path))
        {
            root = file.Dataset("many_chunks").LayoutMessage.Address;
        }
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("TREE"u8.ToArray(), bytes.AsSpan((int)root, 4).ToArray());
        Assert.True(bytes[root + 5] > 0, "the index should have internal nodes");
        // Node: signature, type, level, entries used, two sibling addresses, then key 0 (32 bytes for rank 2) and child 0.
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan((int)root + 24 + 32), root);
        using var bad = Hdf5File.Open(Write("cycle.h5", bytes));
        var e = Assert.Throws<Hdf5FormatException>(() => bad.Dataset("many_chunks").Read<sbyte>());
        Assert.Contains("cycle", e.Message);
        Assert.Equal(root, e.Offset);
    }

    [Fact]
    public void Open_AbsurdDatasetSize_ThrowsFormatErrorNotOutOfMemory()
    {
        var bytes = File.ReadAllBytes(files.PathOf("small_earliest.h5"));
        using (var file = Hdf5File.Open(files.PathOf("small_earliest.h5")))
        {
            Assert.Equal([6L, 5L], file.Dataset("contiguous").Shape);
        }
        // Find the dataspace message of "contiguous" (v1: version 1, rank 2, flags, dims 6 and 5) and make dim 0 huge.
        // h5py sets flag 1 (maximum dimensions present).
        byte[] pattern = [1, 2, 1, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0];
        int at = bytes.AsSpan().IndexOf(pattern);
        Assert.True(at > 0);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 8), 1L << 40);
        using var bad = Hdf5File.Open(Write("huge.h5", bytes));
        var e = Assert.Throws<Hdf5FormatException>(() => bad.Dataset("contiguous"));
        Assert.Contains("contiguous storage holds", e.Message);
    }
}
