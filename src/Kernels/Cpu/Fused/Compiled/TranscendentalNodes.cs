using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Tessera.Kernels.Ops.Simd;

namespace Tessera.Kernels.Cpu.Fused.Compiled;

// float64 sine and cosine through the same per-vector core as the tile path's SinCosFloat64, so
// results are bit-identical; in the padded tail vector, lane-by-lane Math as the tile path does there.

internal readonly struct SinNode<TA> : IVectorNode<double>
    where TA : struct, IVectorNode<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Eval(ref VectorFrame<double> frame, nuint i)
    {
        var x = TA.Eval(ref frame, i);
        return frame.ScalarTail ? SinCosFloat64.ScalarLanes(x, cosine: false) : SinCosFloat64.Sin(x);
    }
}

internal readonly struct CosNode<TA> : IVectorNode<double>
    where TA : struct, IVectorNode<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Eval(ref VectorFrame<double> frame, nuint i)
    {
        var x = TA.Eval(ref frame, i);
        return frame.ScalarTail ? SinCosFloat64.ScalarLanes(x, cosine: true) : SinCosFloat64.Cos(x);
    }
}
