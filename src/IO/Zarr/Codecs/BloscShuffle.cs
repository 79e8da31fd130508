namespace Tessera.IO.Zarr.Codecs;

/// <summary>
/// Blosc's two pre-conditioners, applied per block. Byte shuffle groups byte j of every element
/// together (all low bytes, then all next bytes), so similar high bytes compress well; bytes past
/// the last whole element stay in place. Bit shuffle goes further: row b = 8j + k holds bit k of
/// byte j of every element, LSB first within each output byte; it works on whole groups of 8
/// elements and copies the remaining bytes unchanged.
/// </summary>
internal static partial class BloscShuffle
{
    public static void Shuffle(ReadOnlySpan<byte> source, Span<byte> destination, int typeSize)
    {
        var count = source.Length / typeSize;
        var done = typeSize == 4 ? Shuffle4Vector(source, destination, count) : 0;
        for (var j = 0; j < typeSize; j++)
        {
            var row = destination.Slice(j * count, count);
            for (int i = done, s = j + done * typeSize; i < count; i++, s += typeSize)
            {
                row[i] = source[s];
            }
        }
        source[(count * typeSize)..].CopyTo(destination[(count * typeSize)..]);
    }

    public static void Unshuffle(ReadOnlySpan<byte> source, Span<byte> destination, int typeSize)
    {
        var count = source.Length / typeSize;
        switch (typeSize)
        {
            // The common widths get loops the JIT keeps in registers: one read per stream, one wide store.
            case 4:
                Unshuffle4(source, destination, count);
                break;
            case 8:
                Unshuffle8(source, destination, count);
                break;
            default:
                for (var j = 0; j < typeSize; j++)
                {
                    var row = source.Slice(j * count, count);
                    for (int i = 0, d = j; i < count; i++, d += typeSize)
                    {
                        destination[d] = row[i];
                    }
                }
                break;
        }
        source[(count * typeSize)..].CopyTo(destination[(count * typeSize)..]);
    }

    private static void Unshuffle4(ReadOnlySpan<byte> source, Span<byte> destination, int count)
    {
        var done = Unshuffle4Vector(source, destination, count);
        var b0 = source[..count];
        var b1 = source.Slice(count, count);
        var b2 = source.Slice(2 * count, count);
        var b3 = source.Slice(3 * count, count);
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(destination[..(4 * count)]);
        for (var i = done; i < count; i++)
        {
            words[i] = b0[i] | ((uint)b1[i] << 8) | ((uint)b2[i] << 16) | ((uint)b3[i] << 24);
        }
    }

    private static void Unshuffle8(ReadOnlySpan<byte> source, Span<byte> destination, int count)
    {
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(destination[..(8 * count)]);
        for (var i = 0; i < count; i++)
        {
            ulong w = 0;
            for (var j = 0; j < 8; j++)
            {
                w |= (ulong)source[j * count + i] << (8 * j);
            }
            words[i] = w;
        }
    }

    public static void BitShuffle(ReadOnlySpan<byte> source, Span<byte> destination, int typeSize)
    {
        var count = source.Length / typeSize / 8 * 8;
        var rowBytes = count / 8;
        for (var g = 0; g < rowBytes; g++)
        {
            var group = source.Slice(g * 8 * typeSize, 8 * typeSize);
            for (var j = 0; j < typeSize; j++)
            {
                ulong x = 0;
                for (var m = 0; m < 8; m++)
                {
                    x |= (ulong)group[m * typeSize + j] << (8 * m);
                }
                x = Transpose8x8(x);
                for (var k = 0; k < 8; k++)
                {
                    destination[((j * 8) + k) * rowBytes + g] = (byte)(x >> (8 * k));
                }
            }
        }
        source[(count * typeSize)..].CopyTo(destination[(count * typeSize)..]);
    }

    public static void BitUnshuffle(ReadOnlySpan<byte> source, Span<byte> destination, int typeSize)
    {
        var count = source.Length / typeSize / 8 * 8;
        var rowBytes = count / 8;
        for (var g = 0; g < rowBytes; g++)
        {
            var group = destination.Slice(g * 8 * typeSize, 8 * typeSize);
            for (var j = 0; j < typeSize; j++)
            {
                ulong x = 0;
                for (var k = 0; k < 8; k++)
                {
                    x |= (ulong)source[((j * 8) + k) * rowBytes + g] << (8 * k);
                }
                x = Transpose8x8(x);
                for (var m = 0; m < 8; m++)
                {
                    group[m * typeSize + j] = (byte)(x >> (8 * m));
                }
            }
        }
        source[(count * typeSize)..].CopyTo(destination[(count * typeSize)..]);
    }

    /// <summary>
    /// Transposes the 8×8 bit matrix whose row r is byte r and column c is bit c (bit 8r + c of
    /// <paramref name="x"/>), by swapping ever larger off-diagonal blocks (2×2, 4×4, then 8×8).
    /// </summary>
    private static ulong Transpose8x8(ulong x)
    {
        var t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAUL;
        x ^= t ^ (t << 7);
        t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCUL;
        x ^= t ^ (t << 14);
        t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0UL;
        x ^= t ^ (t << 28);
        return x;
    }
}
