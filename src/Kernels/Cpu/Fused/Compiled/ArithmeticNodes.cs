using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Fused.Compiled;

// The cheap operators, one IEEE operation per lane each: exactly what the tile path's
// TensorPrimitives calls compute (no FMA contraction: the JIT never fuses a * b + c by itself).

internal readonly struct AddNode<T, TA, TB> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
    where TB : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Eval<TMode>(ref VectorFrame<T> frame, nuint i)
        where TMode : struct, IEvalMode => TA.Eval<TMode>(ref frame, i) + TB.Eval<TMode>(ref frame, i);
}

internal readonly struct SubtractNode<T, TA, TB> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
    where TB : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Eval<TMode>(ref VectorFrame<T> frame, nuint i)
        where TMode : struct, IEvalMode => TA.Eval<TMode>(ref frame, i) - TB.Eval<TMode>(ref frame, i);
}

internal readonly struct MultiplyNode<T, TA, TB> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
    where TB : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Eval<TMode>(ref VectorFrame<T> frame, nuint i)
        where TMode : struct, IEvalMode => TA.Eval<TMode>(ref frame, i) * TB.Eval<TMode>(ref frame, i);
}

internal readonly struct DivideNode<T, TA, TB> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
    where TB : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Eval<TMode>(ref VectorFrame<T> frame, nuint i)
        where TMode : struct, IEvalMode => TA.Eval<TMode>(ref frame, i) / TB.Eval<TMode>(ref frame, i);
}

/// <summary>IEEE 754:2019 minimum (NaN propagates, -0 below +0), as TensorPrimitives.Min and NumPy.</summary>
internal readonly struct MinimumNode<T, TA, TB> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
    where TB : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Eval<TMode>(ref VectorFrame<T> frame, nuint i)
        where TMode : struct, IEvalMode => Vector512.Min(TA.Eval<TMode>(ref frame, i), TB.Eval<TMode>(ref frame, i));
}

/// <summary>IEEE 754:2019 maximum (NaN propagates, +0 above -0), as TensorPrimitives.Max and NumPy.</summary>
internal readonly struct MaximumNode<T, TA, TB> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
    where TB : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Eval<TMode>(ref VectorFrame<T> frame, nuint i)
        where TMode : struct, IEvalMode => Vector512.Max(TA.Eval<TMode>(ref frame, i), TB.Eval<TMode>(ref frame, i));
}

/// <summary>x ** 2 as x * x, the specialisation the tile path makes too (exact either way).</summary>
internal readonly struct SquareNode<T, TA> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Eval<TMode>(ref VectorFrame<T> frame, nuint i)
        where TMode : struct, IEvalMode
    {
        var x = TA.Eval<TMode>(ref frame, i);
        return x * x;
    }
}

internal readonly struct NegateNode<T, TA> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Eval<TMode>(ref VectorFrame<T> frame, nuint i)
        where TMode : struct, IEvalMode => -TA.Eval<TMode>(ref frame, i);
}

internal readonly struct AbsNode<T, TA> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Eval<TMode>(ref VectorFrame<T> frame, nuint i)
        where TMode : struct, IEvalMode => Vector512.Abs(TA.Eval<TMode>(ref frame, i));
}

internal readonly struct SqrtNode<T, TA> : IVectorNode<T>
    where T : unmanaged
    where TA : struct, IVectorNode<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Eval<TMode>(ref VectorFrame<T> frame, nuint i)
        where TMode : struct, IEvalMode => Vector512.Sqrt(TA.Eval<TMode>(ref frame, i));
}
