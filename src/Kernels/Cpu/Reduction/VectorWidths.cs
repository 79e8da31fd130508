using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// A vector width as a type argument of the reducers. A reducer is generic over one width tag,
/// not over an <see cref="ISimd{T, TVec}"/> pair, because one reduction runs kernels of several
/// element types (float32 values summed in float64 lanes, their min in float32 lanes): each
/// kernel maps the tag to its own <c>Simd512/256/128&lt;T&gt;</c>. The tests are comparisons of
/// struct type arguments, which the JIT folds, so only the chosen width's code is compiled.
/// </summary>
internal interface IVectorWidth
{
    /// <summary>Bits per vector: 512, 256 or 128.</summary>
    static abstract int Bits { get; }

    /// <summary>Whether this width runs on vector hardware here (tests skip widths that would be emulated).</summary>
    static abstract bool IsHardwareAccelerated { get; }
}

/// <summary>AVX-512: <see cref="Simd512{T}"/>.</summary>
internal readonly struct Width512 : IVectorWidth
{
    public static int Bits => 512;

    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;
}

/// <summary>AVX2: <see cref="Simd256{T}"/>.</summary>
internal readonly struct Width256 : IVectorWidth
{
    public static int Bits => 256;

    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;
}

/// <summary>SSE or NEON: <see cref="Simd128{T}"/>.</summary>
internal readonly struct Width128 : IVectorWidth
{
    public static int Bits => 128;

    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;
}
