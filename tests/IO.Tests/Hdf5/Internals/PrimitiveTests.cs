using System.IO.Compression;
using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5.Internals;

/// <summary>The building blocks checked against published reference values and naive implementations.</summary>
public sealed class PrimitiveTests
{
    [Fact]
    public void Lookup3_PublishedVectors_Match()
    {
        // Values printed by the driver in Bob Jenkins' lookup3.c.
        Assert.Equal(0xdeadbeefu, Lookup3.Hash([]));
        Assert.Equal(0x17770551u, Lookup3.Hash("Four score and seven years ago"u8));
        Assert.Equal(0xcd628161u, Lookup3.Hash("Four score and seven years ago"u8, 1));
    }

    [Theory]
    [InlineData(0), InlineData(1), InlineData(2), InlineData(7), InlineData(719), InlineData(720), InlineData(721), InlineData(5000)]
    public void Fletcher32_MatchesNaiveDefinition(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        // Naive: sums of big-endian 16-bit words (odd tail byte as the high byte), reduced mod 65535 at the end.
        ulong s1 = 0, s2 = 0;
        for (int i = 0; i < length; i += 2)
        {
            ulong word = ((ulong)data[i] << 8) | (i + 1 < length ? data[i + 1] : 0UL);
            s1 += word;
            s2 += s1;
        }
        uint computed = Fletcher32Filter.Compute(data);
        Assert.Equal(s1 % 65535, (computed & 0xFFFF) % 65535);
        Assert.Equal(s2 % 65535, (computed >> 16) % 65535);
    }

    [Theory]
    [InlineData(1, 10), InlineData(2, 9), InlineData(4, 733), InlineData(8, 64), InlineData(3, 11)]
    public void Shuffle_InverseOfWriterShuffle(int elementSize, int length)
    {
        var original = new byte[length];
        new Random(length).NextBytes(original);
        int count = length / elementSize;
        var shuffled = (byte[])original.Clone();
        for (int i = 0; i < count; i++)
        {
            for (int b = 0; b < elementSize; b++)
            {
                shuffled[b * count + i] = original[i * elementSize + b];
            }
        }
        Assert.Equal(original, ShuffleFilter.Decode(shuffled, elementSize));
    }

    [Fact]
    public void Deflate_ZlibStream_RoundTripsAndRejectsOversizedOutput()
    {
        var data = new byte[10_000];
        new Random(5).NextBytes(data.AsSpan(0, 5000));
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }
        var compressed = ms.ToArray();
        Assert.Equal(data, DeflateFilter.Decode(compressed, data.Length, 0));
        var e = Assert.Throws<Hdf5FormatException>(() => DeflateFilter.Decode(compressed, data.Length - 1, 123));
        Assert.Equal(123, e.Offset);
    }

    [Fact]
    public void ChunkCache_EvictsLeastRecentlyUsedWithinByteBudget()
    {
        var cache = new ChunkCache(1000);
        cache.Add((1, 1), new byte[300]);
        cache.Add((1, 2), new byte[300]);
        cache.Add((1, 3), new byte[300]);
        Assert.True(cache.TryGet((1, 1), out _)); // (1,1) is now most recent
        cache.Add((1, 4), new byte[300]);
        Assert.False(cache.TryGet((1, 2), out _));
        Assert.True(cache.TryGet((1, 1), out _));
        Assert.True(cache.TryGet((1, 4), out _));
        Assert.True(cache.SizeBytes <= 1000);
        cache.Add((1, 5), new byte[600]); // more than half the budget: not kept
        Assert.False(cache.TryGet((1, 5), out _));
    }

    [Fact]
    public void ChunkGrid_LinearAndCoordinates_AreInverse()
    {
        long[] counts = [8, 6, 5];
        for (long i = 0; i < 240; i++)
        {
            Assert.Equal(i, ChunkGrid.Linear(ChunkGrid.Coordinates(i, counts), counts));
        }
        Assert.Equal(-1, ChunkGrid.Linear([8, 0, 0], counts));
        Assert.Equal([8L, 6L], ChunkGrid.Counts([733, 735], [100, 128]));
    }
}
