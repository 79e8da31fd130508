using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Fused.Compiled;

/// <summary>A compiled expression: evaluates it for <c>length</c> elements into <c>destination</c>.</summary>
internal abstract unsafe class VectorKernel<T>
    where T : unmanaged
{
    public abstract void Run(ref VectorFrame<T> frame, T* destination, nuint length);
}

/// <summary>
/// The loop around one compiled tree <typeparamref name="TRoot"/>: one vector per iteration,
/// every node inlined. The elements past the last whole vector are evaluated once in a vector
/// whose input lanes are copied into zero-padded scratch, and only those lanes are stored.
/// </summary>
internal sealed unsafe class VectorKernel<T, TRoot> : VectorKernel<T>
    where T : unmanaged
    where TRoot : struct, IVectorNode<T>
{
    // Straight to optimised code: the loop runs once per call over millions of elements, so
    // tier-0 code (no inlining: a call per node per vector) and its OSR version would be timed.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(ref VectorFrame<T> frame, T* destination, nuint length)
    {
        var width = (nuint)Vector512<T>.Count;
        nuint i = 0;
        for (; i + width <= length; i += width)
        {
            TRoot.Eval(ref frame, i).Store(destination + i);
        }
        if (i < length)
        {
            Tail(ref frame, destination + i, (int)(length - i), i);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Tail(ref VectorFrame<T> frame, T* destination, int count, nuint start)
    {
        var width = Vector512<T>.Count;
        var padded = stackalloc T[VectorFrame<T>.MaxInputs * width];
        new Span<T>(padded, VectorFrame<T>.MaxInputs * width).Clear();
        var tail = frame;
        tail.ScalarTail = true;
        for (var k = 0; k < VectorFrame<T>.MaxInputs; k++)
        {
            if (frame.Inputs[k] == 0)
            {
                continue;
            }
            var lanes = padded + (k * width);
            new ReadOnlySpan<T>((T*)frame.Inputs[k] + start, count).CopyTo(new Span<T>(lanes, count));
            tail.Inputs[k] = (nint)lanes;
        }
        var result = TRoot.Eval(ref tail, 0);
        var stored = stackalloc T[width];
        result.Store(stored);
        new ReadOnlySpan<T>(stored, count).CopyTo(new Span<T>(destination, count));
    }
}
