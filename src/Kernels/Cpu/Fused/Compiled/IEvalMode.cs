using System.Runtime.CompilerServices;
using Tessera.Kernels.Ops.Simd;

namespace Tessera.Kernels.Cpu.Fused.Compiled;

/// <summary>
/// How transcendental nodes evaluate a vector, chosen by type so each kernel loop is compiled
/// for one mode with no test of it per vector (and each node inlines as a single block, which
/// keeps its value in a register). Arithmetic nodes are the same in every mode.
/// </summary>
internal interface IEvalMode
{
    static abstract TVec Sin<TVec, TOps>(ref VectorFrame<double> frame, TVec x)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec>;

    static abstract TVec Cos<TVec, TOps>(ref VectorFrame<double> frame, TVec x)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec>;
}

/// <summary>
/// The branch-free vector kernels, assuming every lane is within their range; a lane outside it
/// sets <see cref="VectorFrame{T}.NeedsExact"/> and the loop recomputes the vector in
/// <see cref="ExactMode"/>. Keeping the rare case off the value's path keeps the tree in registers.
/// </summary>
internal readonly struct FastMode : IEvalMode
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Sin<TVec, TOps>(ref VectorFrame<double> frame, TVec x)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec>
    {
        // A branch that is never taken in practice, rather than an or into memory on every vector.
        if (!SinCosFloat64.IsWithinLimit<TVec, TOps>(x))
        {
            frame.NeedsExact = true;
        }
        return SinCosFloat64.SinWithinLimit<TVec, TOps>(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Cos<TVec, TOps>(ref VectorFrame<double> frame, TVec x)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec>
    {
        // A branch that is never taken in practice, rather than an or into memory on every vector.
        if (!SinCosFloat64.IsWithinLimit<TVec, TOps>(x))
        {
            frame.NeedsExact = true;
        }
        return SinCosFloat64.CosWithinLimit<TVec, TOps>(x);
    }
}

/// <summary>
/// Lane by lane the tile path's values (its vector kernels, scalar Math for lanes out of their
/// range): for vectors <see cref="FastMode"/> gave up on, and for the padded head and tail.
/// </summary>
internal readonly struct ExactMode : IEvalMode
{
    public static TVec Sin<TVec, TOps>(ref VectorFrame<double> frame, TVec x)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec> => SinCosFloat64.Sin<TVec, TOps>(x);

    public static TVec Cos<TVec, TOps>(ref VectorFrame<double> frame, TVec x)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec> => SinCosFloat64.Cos<TVec, TOps>(x);
}
