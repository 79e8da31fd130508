namespace Tessera.Kernels.Cpu;

/// <summary>
/// The handful of vector operations the micro-kernel needs, as static abstract members so the
/// JIT specialises the kernel per vector width and element type with every call inlined.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <typeparam name="TVec">The vector type holding <see cref="Count"/> elements of T.</typeparam>
internal unsafe interface ISimd<T, TVec>
    where T : unmanaged
    where TVec : struct
{
    /// <summary>Elements per vector.</summary>
    static abstract int Count { get; }

    /// <summary>All zeros.</summary>
    static abstract TVec Zero { get; }

    /// <summary>Unaligned load.</summary>
    static abstract TVec Load(T* p);

    /// <summary>Unaligned store.</summary>
    static abstract void Store(T* p, TVec v);

    /// <summary>Every lane set to <paramref name="x"/>.</summary>
    static abstract TVec Broadcast(T x);

    /// <summary>a·b + c, fused where the hardware has FMA.</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);

    /// <summary>a·b.</summary>
    static abstract TVec Multiply(TVec a, TVec b);
}
