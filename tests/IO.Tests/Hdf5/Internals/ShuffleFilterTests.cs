using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5.Internals;

/// <summary>
/// The 8-byte vector path of the shuffle filter against the definition, at lengths that put
/// elements in the 16-element blocks, in the scalar remainder and in the unshuffled tail.
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
}
