using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Tessera.Kernels.Ops.Simd;

namespace Tessera.Kernels.Cpu.Fused.Compiled;

/// <summary>
/// How transcendental nodes evaluate a vector, chosen by type so each kernel loop is compiled
/// for one mode with no test of it per vector (and each node inlines as a single block, which
/// keeps its value in a register). Arithmetic nodes are the same in every mode.
/// </summary>
internal interface IEvalMode
{
    static abstract Vector512<double> Sin(ref VectorFrame<double> frame, Vector512<double> x);

    static abstract Vector512<double> Cos(ref VectorFrame<double> frame, Vector512<double> x);
}

/// <summary>
/// The branch-free vector kernels, assuming every lane is within their range; a lane outside it
/// sets <see cref="VectorFrame{T}.NeedsExact"/> and the loop recomputes the vector in
/// <see cref="ExactMode"/>. Keeping the rare case off the value's path keeps the tree in registers.
/// </summary>
internal readonly struct FastMode : IEvalMode
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sin(ref VectorFrame<double> frame, Vector512<double> x)
    {
        frame.NeedsExact |= !SinCosFloat64.IsWithinLimit(x);
        return SinCosFloat64.SinWithinLimit(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Cos(ref VectorFrame<double> frame, Vector512<double> x)
    {
        frame.NeedsExact |= !SinCosFloat64.IsWithinLimit(x);
        return SinCosFloat64.CosWithinLimit(x);
    }
}

/// <summary>Lane by lane the tile path's values (its vector kernels, scalar Math for lanes out of their range).</summary>
internal readonly struct ExactMode : IEvalMode
{
    public static Vector512<double> Sin(ref VectorFrame<double> frame, Vector512<double> x) => SinCosFloat64.Sin(x);

    public static Vector512<double> Cos(ref VectorFrame<double> frame, Vector512<double> x) => SinCosFloat64.Cos(x);
}

/// <summary>Scalar Math on every lane: the tile path's treatment of the elements past the last whole vector.</summary>
internal readonly struct ScalarMathMode : IEvalMode
{
    public static Vector512<double> Sin(ref VectorFrame<double> frame, Vector512<double> x) => SinCosFloat64.ScalarLanes(x, cosine: false);

    public static Vector512<double> Cos(ref VectorFrame<double> frame, Vector512<double> x) => SinCosFloat64.ScalarLanes(x, cosine: true);
}
