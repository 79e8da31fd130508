using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu;

/// <summary>
/// Portable fallback on <see cref="Vector{T}"/> (NEON on Arm64, SSE where AVX2 is missing).
/// Multiply and add stay separate: fused multiply-add is emulated in software where the
/// hardware lacks it.
/// </summary>
internal readonly unsafe struct SimdVector<T> : ISimd<T, Vector<T>>
    where T : unmanaged
{
    public static int Count => Vector<T>.Count;

    public static Vector<T> Zero => Vector<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load(T* p) => Vector.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T* p, Vector<T> v) => v.Store(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Broadcast(T x) => new(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MultiplyAdd(Vector<T> a, Vector<T> b, Vector<T> c) => (a * b) + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Multiply(Vector<T> a, Vector<T> b) => a * b;
}
