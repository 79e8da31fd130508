using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu.Fused.Compiled;

/// <summary>A contiguous input read in output order: element i of the input in slot <typeparamref name="TSlot"/>.</summary>
internal readonly struct InputNode<T, TSlot> : IVectorNode<T>
    where T : unmanaged
    where TSlot : struct, ISlotIndex
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe TVec Eval<TVec, TOps, TMode>(ref VectorFrame<T> frame, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
        where TMode : struct, IEvalMode =>
        TOps.Load((T*)frame.Inputs[TSlot.Value] + i);
}

/// <summary>
/// A scalar (a constant, or a one-element input broadcast to the output) in slot
/// <typeparamref name="TSlot"/>, broadcast to the width at hand (one broadcast load, which
/// AVX-512 folds into the instruction using it).
/// </summary>
internal readonly struct ConstantNode<T, TSlot> : IVectorNode<T>
    where T : unmanaged
    where TSlot : struct, ISlotIndex
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Eval<TVec, TOps, TMode>(ref VectorFrame<T> frame, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
        where TMode : struct, IEvalMode => TOps.Broadcast(frame.Constants[TSlot.Value]);
}
