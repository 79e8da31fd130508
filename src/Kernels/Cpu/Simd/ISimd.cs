namespace Tessera.Kernels.Cpu;

/// <summary>
/// One vector width as a type: the operations CPU kernels use, as static abstract members, so a
/// kernel written once against <typeparamref name="TVec"/> and <c>TOps : ISimd&lt;T, TVec&gt;</c> is
/// specialised by the JIT per width and element type with every call inlined (the shape of
/// System.Numerics.Tensors' operator structs, and of .NET's own internal ISimdVector).
/// Implemented by <see cref="Simd512{T}"/> (AVX-512), <see cref="Simd256{T}"/> (AVX2) and
/// <see cref="Simd128{T}"/> (SSE, and NEON on Arm64); <see cref="SimdWidth"/> picks the widest.
/// </summary>
/// <typeparam name="T">The element type (float and double for the arithmetic members).</typeparam>
/// <typeparam name="TVec">The vector type holding <see cref="Count"/> elements of T.</typeparam>
internal unsafe interface ISimd<T, TVec>
    where T : unmanaged
    where TVec : struct
{
    /// <summary>Elements per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Whether this width runs on vector hardware here (else the runtime emulates it).</summary>
    static abstract bool IsHardwareAccelerated { get; }

    /// <summary>
    /// Whether <see cref="FusedMultiplyAdd"/> is one instruction here. Without it the fused form is
    /// emulated in software (exact but slow), and <see cref="MultiplyAdd"/> rounds twice.
    /// </summary>
    static abstract bool HasFusedMultiplyAdd { get; }

    /// <summary>All zeros.</summary>
    static abstract TVec Zero { get; }

    /// <summary>Unaligned load.</summary>
    static abstract TVec Load(T* p);

    /// <summary>Unaligned store.</summary>
    static abstract void Store(T* p, TVec v);

    /// <summary>Store to an address aligned to the vector's size.</summary>
    static abstract void StoreAligned(T* p, TVec v);

    /// <summary>Unaligned load of the vector at element <paramref name="i"/> from <paramref name="source"/>.</summary>
    static abstract TVec LoadUnsafe(ref T source, nuint i);

    /// <summary>Unaligned store of <paramref name="v"/> at element <paramref name="i"/> of <paramref name="destination"/>.</summary>
    static abstract void StoreUnsafe(TVec v, ref T destination, nuint i);

    /// <summary>Every lane set to <paramref name="x"/>.</summary>
    static abstract TVec Broadcast(T x);

    /// <summary>The lanes as a span of <see cref="Count"/> elements, written to <paramref name="destination"/>.</summary>
    static abstract void CopyTo(TVec v, Span<T> destination);

    /// <summary>The vector holding the first <see cref="Count"/> elements of <paramref name="values"/>.</summary>
    static abstract TVec Create(ReadOnlySpan<T> values);

    static abstract TVec Add(TVec a, TVec b);

    static abstract TVec Subtract(TVec a, TVec b);

    /// <summary>a·b.</summary>
    static abstract TVec Multiply(TVec a, TVec b);

    static abstract TVec Divide(TVec a, TVec b);

    static abstract TVec Negate(TVec a);

    /// <summary>IEEE 754:2019 minimum (NaN propagates, -0 below +0), as Math.Min and NumPy.</summary>
    static abstract TVec Min(TVec a, TVec b);

    /// <summary>IEEE 754:2019 maximum (NaN propagates, +0 above -0), as Math.Max and NumPy.</summary>
    static abstract TVec Max(TVec a, TVec b);

    static abstract TVec Abs(TVec a);

    static abstract TVec Sqrt(TVec a);

    /// <summary>
    /// a·b + c, fused where the hardware has FMA, else a separate multiply and add (faster than
    /// emulated fusion): for kernels that do not need the single rounding.
    /// </summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);

    /// <summary>a·b + c with a single rounding on every width (emulated where <see cref="HasFusedMultiplyAdd"/> is false).</summary>
    static abstract TVec FusedMultiplyAdd(TVec a, TVec b, TVec c);

    /// <summary>Lanes of <paramref name="a"/> where <paramref name="mask"/> is all ones, else of <paramref name="b"/>.</summary>
    static abstract TVec ConditionalSelect(TVec mask, TVec a, TVec b);

    /// <summary>All ones in lanes where a == b (NaN equals nothing).</summary>
    static abstract TVec Equals(TVec a, TVec b);

    /// <summary>All ones in lanes where a ≤ b.</summary>
    static abstract TVec LessThanOrEqual(TVec a, TVec b);

    /// <summary>Whether a ≤ b in every lane (false if any lane is NaN).</summary>
    static abstract bool LessThanOrEqualAll(TVec a, TVec b);

    /// <summary>Bitwise exclusive or.</summary>
    static abstract TVec Xor(TVec a, TVec b);

    /// <summary>
    /// Each lane's lowest bit moved to its sign bit, every other bit cleared: XOR it into a value
    /// to negate the lanes whose integer (held in the low mantissa bits) is odd.
    /// </summary>
    static abstract TVec LowBitToSign(TVec a);

    /// <summary>The sum of the lanes (in the order the hardware adds them).</summary>
    static abstract T Sum(TVec a);
}
