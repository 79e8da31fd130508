using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Filter 2: the writer stored byte 0 of every element, then byte 1 of every element, and so
/// on; bytes past the last whole element are stored unchanged at the end.
/// </summary>
internal static class ShuffleFilter
{
    public static byte[] Decode(byte[] input, int elementSize) =>
        Unpack512.IsSupported ? Decode<Vector512<byte>, Unpack512>(input, elementSize)
        : Unpack256.IsSupported ? Decode<Vector256<byte>, Unpack256>(input, elementSize)
        : Decode<Vector128<byte>, Unpack128>(input, elementSize);

    /// <summary>Unshuffles <paramref name="input"/> into <paramref name="output"/> (same length, not overlapping).</summary>
    public static void Decode(ReadOnlySpan<byte> input, Span<byte> output, int elementSize)
    {
        if (Unpack512.IsSupported)
        {
            Decode<Vector512<byte>, Unpack512>(input, output, elementSize);
        }
        else if (Unpack256.IsSupported)
        {
            Decode<Vector256<byte>, Unpack256>(input, output, elementSize);
        }
        else
        {
            Decode<Vector128<byte>, Unpack128>(input, output, elementSize);
        }
    }

    /// <summary>The decode with 8-byte elements unshuffled at <typeparamref name="TOps"/>' width (tests pick each width).</summary>
    internal static byte[] Decode<TVec, TOps>(byte[] input, int elementSize)
        where TVec : unmanaged
        where TOps : IByteUnpack<TVec>
    {
        if (elementSize <= 1 || elementSize > input.Length)
        {
            return input;
        }
        var output = GC.AllocateUninitializedArray<byte>(input.Length);
        Decode<TVec, TOps>(input, output, elementSize);
        return output;
    }

    private static void Decode<TVec, TOps>(ReadOnlySpan<byte> input, Span<byte> output, int elementSize)
        where TVec : unmanaged
        where TOps : IByteUnpack<TVec>
    {
        if (elementSize <= 1 || elementSize > input.Length)
        {
            input.CopyTo(output);
            return;
        }
        int count = input.Length / elementSize;
        // Measured on 8 MB float64 chunks: the byte-at-a-time loop ran at ~550 MB/s, as slow
        // as inflating the chunk; the vector transpose removes that half of the decode time.
        int done = elementSize == 8 && TOps.IsSupported ? Unshuffle8<TVec, TOps>(input, output, count) : 0;
        for (int b = 0; b < elementSize; b++)
        {
            var plane = input.Slice(b * count, count);
            for (int i = done; i < count; i++)
            {
                output[i * elementSize + b] = plane[i];
            }
        }
        int tail = count * elementSize;
        input[tail..].CopyTo(output[tail..]);
    }

    /// <summary>
    /// <c>TOps.Bytes</c> elements of 8 bytes at a time: that many bytes from each of the 8 byte
    /// planes, interleaved in three unpack stages (bytes, then 16-bit pairs, then 32-bit halves)
    /// within each 128-bit lane, as unpacks work at every width. Lane j of the planes holds
    /// elements 16j to 16j + 15, so each result's lane j is stored 128 bytes after lane j − 1.
    /// Returns how many elements were done; the caller finishes the rest.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int Unshuffle8<TVec, TOps>(ReadOnlySpan<byte> input, Span<byte> output, int count)
        where TVec : unmanaged
        where TOps : IByteUnpack<TVec>
    {
        int step = TOps.Bytes;
        int blocks = count / step;
        fixed (byte* src = input, dst = output)
        {
            for (int k = 0; k < blocks; k++)
            {
                byte* p = src + k * step;
                var v0 = TOps.Load(p);
                var v1 = TOps.Load(p + count);
                var v2 = TOps.Load(p + 2 * count);
                var v3 = TOps.Load(p + 3 * count);
                var v4 = TOps.Load(p + 4 * count);
                var v5 = TOps.Load(p + 5 * count);
                var v6 = TOps.Load(p + 6 * count);
                var v7 = TOps.Load(p + 7 * count);
                // Bytes (0,1), (2,3), (4,5), (6,7) of elements 0-7 (Lo) and 8-15 (Hi) of each lane.
                var a01Lo = TOps.UnpackLow8(v0, v1);
                var a01Hi = TOps.UnpackHigh8(v0, v1);
                var a23Lo = TOps.UnpackLow8(v2, v3);
                var a23Hi = TOps.UnpackHigh8(v2, v3);
                var a45Lo = TOps.UnpackLow8(v4, v5);
                var a45Hi = TOps.UnpackHigh8(v4, v5);
                var a67Lo = TOps.UnpackLow8(v6, v7);
                var a67Hi = TOps.UnpackHigh8(v6, v7);
                // Bytes 0-3 and 4-7 of elements 0-3, 4-7, 8-11, 12-15 of each lane.
                var b03e0 = TOps.UnpackLow16(a01Lo, a23Lo);
                var b03e4 = TOps.UnpackHigh16(a01Lo, a23Lo);
                var b03e8 = TOps.UnpackLow16(a01Hi, a23Hi);
                var b03e12 = TOps.UnpackHigh16(a01Hi, a23Hi);
                var b47e0 = TOps.UnpackLow16(a45Lo, a67Lo);
                var b47e4 = TOps.UnpackHigh16(a45Lo, a67Lo);
                var b47e8 = TOps.UnpackLow16(a45Hi, a67Hi);
                var b47e12 = TOps.UnpackHigh16(a45Hi, a67Hi);
                byte* q = dst + k * step * 8;
                Store<TVec, TOps>(q, b03e0, b47e0);
                Store<TVec, TOps>(q + 32, b03e4, b47e4);
                Store<TVec, TOps>(q + 64, b03e8, b47e8);
                Store<TVec, TOps>(q + 96, b03e12, b47e12);
            }
        }
        return blocks * step;
    }

    /// <summary>Four whole elements per lane: low halves from <paramref name="low"/>, high halves from <paramref name="high"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store<TVec, TOps>(byte* q, TVec low, TVec high)
        where TVec : unmanaged
        where TOps : IByteUnpack<TVec>
    {
        TOps.StoreLanes(q, TOps.UnpackLow32(low, high));
        TOps.StoreLanes(q + 16, TOps.UnpackHigh32(low, high));
    }
}
