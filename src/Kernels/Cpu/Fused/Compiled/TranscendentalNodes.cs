using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Fused.Compiled;

// float64 sine and cosine through the tile path's own SinCosFloat64 kernels, so results are
// bit-identical; the mode (IEvalMode) says which of its forms a vector takes.

internal readonly struct SinNode<TA> : IVectorNode<double>
    where TA : struct, IVectorNode<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Eval<TMode>(ref VectorFrame<double> frame, nuint i)
        where TMode : struct, IEvalMode => TMode.Sin(ref frame, TA.Eval<TMode>(ref frame, i));
}

internal readonly struct CosNode<TA> : IVectorNode<double>
    where TA : struct, IVectorNode<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Eval<TMode>(ref VectorFrame<double> frame, nuint i)
        where TMode : struct, IEvalMode => TMode.Cos(ref frame, TA.Eval<TMode>(ref frame, i));
}
