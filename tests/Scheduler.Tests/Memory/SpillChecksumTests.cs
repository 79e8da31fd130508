using Tessera.Scheduling;

namespace Tessera.Scheduler.Tests.Memory;

public class SpillChecksumTests
{
    private static ulong Of(ReadOnlySpan<byte> data)
    {
        var checksum = new SpillChecksum();
        checksum.Append(data);
        return checksum.Value;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(733)]
    public void Value_AnySingleByteFlipped_Changes(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var original = Of(data);
        for (var i = 0; i < length; i++)
        {
            foreach (var bit in new byte[] { 0x01, 0x80 })
            {
                data[i] ^= bit;
                Assert.NotEqual(original, Of(data));
                data[i] ^= bit;
            }
        }
        Assert.Equal(original, Of(data));
    }

    [Fact]
    public void Append_InPieces_EqualsAppendAtOnce()
    {
        var data = new byte[10_000];
        new Random(7).NextBytes(data);
        var pieces = new SpillChecksum();
        var random = new Random(8);
        for (var at = 0; at < data.Length;)
        {
            var take = Math.Min(random.Next(0, 100), data.Length - at);
            pieces.Append(data.AsSpan(at, take));
            at += take;
        }
        Assert.Equal(Of(data), pieces.Value);
        Assert.Equal(data.Length, pieces.Length);
    }

    [Fact]
    public void Value_TrailingZerosAdded_Changes()
    {
        Assert.NotEqual(Of(new byte[40]), Of(new byte[41]));
        Assert.NotEqual(Of([]), Of(new byte[1]));
    }
}
