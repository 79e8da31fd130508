using System.Runtime.Intrinsics;
using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5.Internals;

/// <summary>
/// The 8-byte vector path of the shuffle filter against the definition, at lengths that put
/// elements in the vector blocks (16, 32 or 64 elements), in the scalar remainder and in the
/// unshuffled tail, at the default width and at each of 512, 256 and 128 bits.
/// </summary>
public sealed class ShuffleFilterTests
{
    [Theory]
    [InlineData(8, 8 * 16)]
    [InlineData(8, 8 * 17 + 3)]
    [InlineData(8, 8 * 255 + 7)]
    [InlineData(8, 8 * 1000 * 10)]
    [InlineData(4, 4 * 33 + 1)]
    public void Decode_MatchesDefinition(int elementSize, int length)
    {
        var (original, shuffled) = Make(elementSize, length);
        Assert.Equal(original, ShuffleFilter.Decode(shuffled, elementSize));
        Assert.Equal(original, ShuffleFilter.Decode<Vector512<byte>, Unpack512>(shuffled, elementSize));
        Assert.Equal(original, ShuffleFilter.Decode<Vector256<byte>, Unpack256>(shuffled, elementSize));
        Assert.Equal(original, ShuffleFilter.Decode<Vector128<byte>, Unpack128>(shuffled, elementSize));
    }

    [Theory]
    [InlineData(8 * 64)]
    [InlineData(8 * 65 + 5)]
    [InlineData(8 * 127)]
    public void Decode_AtEveryWidth_AroundTheWidestBlock(int length)
    {
        var (original, shuffled) = Make(8, length);
        Assert.Equal(original, ShuffleFilter.Decode<Vector512<byte>, Unpack512>(shuffled, 8));
        Assert.Equal(original, ShuffleFilter.Decode<Vector256<byte>, Unpack256>(shuffled, 8));
        Assert.Equal(original, ShuffleFilter.Decode<Vector128<byte>, Unpack128>(shuffled, 8));
    }

    private static (byte[] Original, byte[] Shuffled) Make(int elementSize, int length)
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
        return (original, shuffled);
    }
}
