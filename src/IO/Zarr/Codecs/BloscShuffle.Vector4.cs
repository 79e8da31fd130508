using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tessera.IO.Zarr.Codecs;

internal static partial class BloscShuffle
{
    /// <summary>Within 16 bytes, gathers byte j of four 4-byte elements into lane j (its own inverse).</summary>
    private static readonly Vector128<byte> s_transpose4x4 = Vector128.Create((byte)0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);

    /// <summary>
    /// Byte shuffle of 4-byte elements (float32, int32: the common case), 16 elements at a time: a
    /// byte transpose inside each 16-byte vector, then a 4×4 transpose of 32-bit lanes across four
    /// vectors, so each output row receives 16 bytes per step. Returns the elements handled.
    /// </summary>
    private static int Shuffle4Vector(ReadOnlySpan<byte> source, Span<byte> destination, int count)
    {
        if (!Ssse3.IsSupported)
        {
            return 0;
        }
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        for (; i + 16 <= count; i += 16)
        {
            var a = Ssse3.Shuffle(Vector128.LoadUnsafe(ref src, (nuint)(i * 4)), s_transpose4x4).AsInt32();
            var b = Ssse3.Shuffle(Vector128.LoadUnsafe(ref src, (nuint)(i * 4 + 16)), s_transpose4x4).AsInt32();
            var c = Ssse3.Shuffle(Vector128.LoadUnsafe(ref src, (nuint)(i * 4 + 32)), s_transpose4x4).AsInt32();
            var d = Ssse3.Shuffle(Vector128.LoadUnsafe(ref src, (nuint)(i * 4 + 48)), s_transpose4x4).AsInt32();
            Transpose(a, b, c, d, out var r0, out var r1, out var r2, out var r3);
            r0.AsByte().StoreUnsafe(ref dst, (nuint)i);
            r1.AsByte().StoreUnsafe(ref dst, (nuint)(count + i));
            r2.AsByte().StoreUnsafe(ref dst, (nuint)(2 * count + i));
            r3.AsByte().StoreUnsafe(ref dst, (nuint)(3 * count + i));
        }
        return i;
    }

    /// <summary>The inverse of <see cref="Shuffle4Vector"/>. Returns the elements handled.</summary>
    private static int Unshuffle4Vector(ReadOnlySpan<byte> source, Span<byte> destination, int count)
    {
        if (!Ssse3.IsSupported)
        {
            return 0;
        }
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        for (; i + 16 <= count; i += 16)
        {
            var r0 = Vector128.LoadUnsafe(ref src, (nuint)i).AsInt32();
            var r1 = Vector128.LoadUnsafe(ref src, (nuint)(count + i)).AsInt32();
            var r2 = Vector128.LoadUnsafe(ref src, (nuint)(2 * count + i)).AsInt32();
            var r3 = Vector128.LoadUnsafe(ref src, (nuint)(3 * count + i)).AsInt32();
            Transpose(r0, r1, r2, r3, out var a, out var b, out var c, out var d);
            Ssse3.Shuffle(a.AsByte(), s_transpose4x4).StoreUnsafe(ref dst, (nuint)(i * 4));
            Ssse3.Shuffle(b.AsByte(), s_transpose4x4).StoreUnsafe(ref dst, (nuint)(i * 4 + 16));
            Ssse3.Shuffle(c.AsByte(), s_transpose4x4).StoreUnsafe(ref dst, (nuint)(i * 4 + 32));
            Ssse3.Shuffle(d.AsByte(), s_transpose4x4).StoreUnsafe(ref dst, (nuint)(i * 4 + 48));
        }
        return i;
    }

    /// <summary>Transposes four vectors of four 32-bit lanes: lane k of output j is lane j of input k.</summary>
    private static void Transpose(Vector128<int> a, Vector128<int> b, Vector128<int> c, Vector128<int> d,
        out Vector128<int> r0, out Vector128<int> r1, out Vector128<int> r2, out Vector128<int> r3)
    {
        var t0 = Sse2.UnpackLow(a, b).AsInt64();
        var t1 = Sse2.UnpackLow(c, d).AsInt64();
        var t2 = Sse2.UnpackHigh(a, b).AsInt64();
        var t3 = Sse2.UnpackHigh(c, d).AsInt64();
        r0 = Sse2.UnpackLow(t0, t1).AsInt32();
        r1 = Sse2.UnpackHigh(t0, t1).AsInt32();
        r2 = Sse2.UnpackLow(t2, t3).AsInt32();
        r3 = Sse2.UnpackHigh(t2, t3).AsInt32();
    }
}
