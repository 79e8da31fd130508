using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Fused.Compiled;

/// <summary>A contiguous input read in output order: element i of the input in slot <typeparamref name="TSlot"/>.</summary>
internal readonly struct InputNode<T, TSlot> : IVectorNode<T>
    where T : unmanaged
    where TSlot : struct, ISlotIndex
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector512<T> Eval<TMode>(ref VectorFrame<T> frame, nuint i)
        where TMode : struct, IEvalMode =>
        Vector512.Load((T*)frame.Inputs[TSlot.Value] + i);
}

/// <summary>A scalar (a constant, or a one-element input broadcast to the output) in slot <typeparamref name="TSlot"/>.</summary>
internal readonly struct ConstantNode<T, TSlot> : IVectorNode<T>
    where T : unmanaged
    where TSlot : struct, ISlotIndex
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Eval<TMode>(ref VectorFrame<T> frame, nuint i)
        where TMode : struct, IEvalMode => frame.Constants[TSlot.Value];
}
