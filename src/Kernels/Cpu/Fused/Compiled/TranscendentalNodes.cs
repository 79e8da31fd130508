using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu.Fused.Compiled;

// float64 sine and cosine through the tile path's own SinCosFloat64 kernels, so results are
// bit-identical; the mode (IEvalMode) says which of its forms a vector takes.

internal readonly struct SinNode<TA> : IVectorNode<double>
    where TA : struct, IVectorNode<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Eval<TVec, TOps, TMode>(ref VectorFrame<double> frame, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec>
        where TMode : struct, IEvalMode => TMode.Sin<TVec, TOps>(ref frame, TA.Eval<TVec, TOps, TMode>(ref frame, i));
}

internal readonly struct CosNode<TA> : IVectorNode<double>
    where TA : struct, IVectorNode<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Eval<TVec, TOps, TMode>(ref VectorFrame<double> frame, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec>
        where TMode : struct, IEvalMode => TMode.Cos<TVec, TOps>(ref frame, TA.Eval<TVec, TOps, TMode>(ref frame, i));
}
