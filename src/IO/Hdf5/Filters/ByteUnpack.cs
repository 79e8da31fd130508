using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Tessera.IO.Hdf5;

/// <summary>
/// The interleaving unpacks of one vector width, within each 128-bit lane (how x86 unpacks work
/// at 256 and 512 bits, and all there is at 128), for byte transposes written once over the
/// width (<see cref="ShuffleFilter"/>). Low/High take the low or high halves of each lane of the
/// two inputs, alternating elements of 8, 16 or 32 bits.
/// </summary>
internal unsafe interface IByteUnpack<TVec>
    where TVec : unmanaged
{
    static abstract bool IsSupported { get; }

    /// <summary>Bytes per vector.</summary>
    static abstract int Bytes { get; }

    static abstract TVec Load(byte* p);

    static abstract TVec UnpackLow8(TVec a, TVec b);

    static abstract TVec UnpackHigh8(TVec a, TVec b);

    static abstract TVec UnpackLow16(TVec a, TVec b);

    static abstract TVec UnpackHigh16(TVec a, TVec b);

    static abstract TVec UnpackLow32(TVec a, TVec b);

    static abstract TVec UnpackHigh32(TVec a, TVec b);

    /// <summary>Stores 128-bit lane i of <paramref name="v"/> at <paramref name="p"/> + 128 i.</summary>
    static abstract void StoreLanes(byte* p, TVec v);
}

/// <summary>AVX-512 (BW for the byte and 16-bit unpacks).</summary>
internal readonly unsafe struct Unpack512 : IByteUnpack<Vector512<byte>>
{
    public static bool IsSupported => Avx512BW.IsSupported && Vector512.IsHardwareAccelerated;

    public static int Bytes => 64;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> Load(byte* p) => Vector512.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> UnpackLow8(Vector512<byte> a, Vector512<byte> b) => Avx512BW.UnpackLow(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> UnpackHigh8(Vector512<byte> a, Vector512<byte> b) => Avx512BW.UnpackHigh(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> UnpackLow16(Vector512<byte> a, Vector512<byte> b) => Avx512BW.UnpackLow(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> UnpackHigh16(Vector512<byte> a, Vector512<byte> b) => Avx512BW.UnpackHigh(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> UnpackLow32(Vector512<byte> a, Vector512<byte> b) => Avx512F.UnpackLow(a.AsUInt32(), b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> UnpackHigh32(Vector512<byte> a, Vector512<byte> b) => Avx512F.UnpackHigh(a.AsUInt32(), b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreLanes(byte* p, Vector512<byte> v)
    {
        var low = v.GetLower();
        var high = v.GetUpper();
        low.GetLower().Store(p);
        low.GetUpper().Store(p + 128);
        high.GetLower().Store(p + 256);
        high.GetUpper().Store(p + 384);
    }
}

/// <summary>AVX2.</summary>
internal readonly unsafe struct Unpack256 : IByteUnpack<Vector256<byte>>
{
    public static bool IsSupported => Avx2.IsSupported;

    public static int Bytes => 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Load(byte* p) => Vector256.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> UnpackLow8(Vector256<byte> a, Vector256<byte> b) => Avx2.UnpackLow(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> UnpackHigh8(Vector256<byte> a, Vector256<byte> b) => Avx2.UnpackHigh(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> UnpackLow16(Vector256<byte> a, Vector256<byte> b) => Avx2.UnpackLow(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> UnpackHigh16(Vector256<byte> a, Vector256<byte> b) => Avx2.UnpackHigh(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> UnpackLow32(Vector256<byte> a, Vector256<byte> b) => Avx2.UnpackLow(a.AsUInt32(), b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> UnpackHigh32(Vector256<byte> a, Vector256<byte> b) => Avx2.UnpackHigh(a.AsUInt32(), b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreLanes(byte* p, Vector256<byte> v)
    {
        v.GetLower().Store(p);
        v.GetUpper().Store(p + 128);
    }
}

/// <summary>SSE2 on x86, ZIP1/ZIP2 on Arm64.</summary>
internal readonly unsafe struct Unpack128 : IByteUnpack<Vector128<byte>>
{
    public static bool IsSupported => Sse2.IsSupported || AdvSimd.Arm64.IsSupported;

    public static int Bytes => 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Load(byte* p) => Vector128.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> UnpackLow8(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackLow(a, b) : AdvSimd.Arm64.ZipLow(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> UnpackHigh8(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackHigh(a, b) : AdvSimd.Arm64.ZipHigh(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> UnpackLow16(Vector128<byte> a, Vector128<byte> b) =>
        (Sse2.IsSupported ? Sse2.UnpackLow(a.AsUInt16(), b.AsUInt16()) : AdvSimd.Arm64.ZipLow(a.AsUInt16(), b.AsUInt16())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> UnpackHigh16(Vector128<byte> a, Vector128<byte> b) =>
        (Sse2.IsSupported ? Sse2.UnpackHigh(a.AsUInt16(), b.AsUInt16()) : AdvSimd.Arm64.ZipHigh(a.AsUInt16(), b.AsUInt16())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> UnpackLow32(Vector128<byte> a, Vector128<byte> b) =>
        (Sse2.IsSupported ? Sse2.UnpackLow(a.AsUInt32(), b.AsUInt32()) : AdvSimd.Arm64.ZipLow(a.AsUInt32(), b.AsUInt32())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> UnpackHigh32(Vector128<byte> a, Vector128<byte> b) =>
        (Sse2.IsSupported ? Sse2.UnpackHigh(a.AsUInt32(), b.AsUInt32()) : AdvSimd.Arm64.ZipHigh(a.AsUInt32(), b.AsUInt32())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreLanes(byte* p, Vector128<byte> v) => v.Store(p);
}
