using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu.Fused.Compiled;

// The cheap operators, one IEEE operation per lane each: exactly what the tile path's
// TensorPrimitives calls compute (no FMA contraction: the JIT never fuses a * b + c by itself).

internal readonly struct AddNode<T, TA, TB> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
    where TB : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Eval<TVec, TOps, TMode>(ref VectorFrame<T> frame, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
        where TMode : struct, IEvalMode => TOps.Add(TA.Eval<TVec, TOps, TMode>(ref frame, i), TB.Eval<TVec, TOps, TMode>(ref frame, i));
}

internal readonly struct SubtractNode<T, TA, TB> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
    where TB : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Eval<TVec, TOps, TMode>(ref VectorFrame<T> frame, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
        where TMode : struct, IEvalMode => TOps.Subtract(TA.Eval<TVec, TOps, TMode>(ref frame, i), TB.Eval<TVec, TOps, TMode>(ref frame, i));
}

internal readonly struct MultiplyNode<T, TA, TB> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
    where TB : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Eval<TVec, TOps, TMode>(ref VectorFrame<T> frame, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
        where TMode : struct, IEvalMode => TOps.Multiply(TA.Eval<TVec, TOps, TMode>(ref frame, i), TB.Eval<TVec, TOps, TMode>(ref frame, i));
}

internal readonly struct DivideNode<T, TA, TB> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
    where TB : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Eval<TVec, TOps, TMode>(ref VectorFrame<T> frame, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
        where TMode : struct, IEvalMode => TOps.Divide(TA.Eval<TVec, TOps, TMode>(ref frame, i), TB.Eval<TVec, TOps, TMode>(ref frame, i));
}

/// <summary>IEEE 754:2019 minimum (NaN propagates, -0 below +0), as TensorPrimitives.Min and NumPy.</summary>
internal readonly struct MinimumNode<T, TA, TB> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
    where TB : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Eval<TVec, TOps, TMode>(ref VectorFrame<T> frame, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
        where TMode : struct, IEvalMode => TOps.Min(TA.Eval<TVec, TOps, TMode>(ref frame, i), TB.Eval<TVec, TOps, TMode>(ref frame, i));
}

/// <summary>IEEE 754:2019 maximum (NaN propagates, +0 above -0), as TensorPrimitives.Max and NumPy.</summary>
internal readonly struct MaximumNode<T, TA, TB> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
    where TB : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Eval<TVec, TOps, TMode>(ref VectorFrame<T> frame, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
        where TMode : struct, IEvalMode => TOps.Max(TA.Eval<TVec, TOps, TMode>(ref frame, i), TB.Eval<TVec, TOps, TMode>(ref frame, i));
}

/// <summary>x ** 2 as x * x, the specialisation the tile path makes too (exact either way).</summary>
internal readonly struct SquareNode<T, TA> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Eval<TVec, TOps, TMode>(ref VectorFrame<T> frame, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
        where TMode : struct, IEvalMode
    {
        var x = TA.Eval<TVec, TOps, TMode>(ref frame, i);
        return TOps.Multiply(x, x);
    }
}

internal readonly struct NegateNode<T, TA> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Eval<TVec, TOps, TMode>(ref VectorFrame<T> frame, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
        where TMode : struct, IEvalMode => TOps.Negate(TA.Eval<TVec, TOps, TMode>(ref frame, i));
}

internal readonly struct AbsNode<T, TA> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Eval<TVec, TOps, TMode>(ref VectorFrame<T> frame, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
        where TMode : struct, IEvalMode => TOps.Abs(TA.Eval<TVec, TOps, TMode>(ref frame, i));
}

internal readonly struct SqrtNode<T, TA> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Eval<TVec, TOps, TMode>(ref VectorFrame<T> frame, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
        where TMode : struct, IEvalMode => TOps.Sqrt(TA.Eval<TVec, TOps, TMode>(ref frame, i));
}
