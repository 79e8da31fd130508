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
/// every node inlined, stores aligned to the vector size (managed arrays are only 8-byte
/// aligned: a split 64-byte store costs more than the few extra instructions, and inputs
/// allocated alike become aligned too). The few elements before the first aligned store and
/// after the last whole vector are evaluated as one vector whose input lanes are copied into
/// zero-padded scratch, and only those lanes are stored.
/// </summary>
/// <remarks>
/// The tile path computes transcendentals of the elements past the last whole vector of the
/// output (index ≥ length rounded down to the vector width) with scalar Math, and every other
/// element lane by lane independently of its neighbours; those elements are evaluated in
/// <see cref="ScalarMathMode"/>, the rest in the other modes, so the results are
/// bit-identical whatever the alignment.
/// </remarks>
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
        var scalarTail = length - (length % width);
        var misaligned = (nuint)destination % (nuint)Vector512<byte>.Count / (nuint)sizeof(T);
        var head = misaligned == 0 ? 0 : Math.Min(width - misaligned, length);
        if (head > 0)
        {
            Partial(ref frame, destination, 0, head, scalarTail);
        }
        var i = head;
        for (; i + width <= scalarTail; i += width)
        {
            var values = TRoot.Eval<FastMode>(ref frame, i);
            // Stored only if exact: the output may be an input (in place), which Exact re-reads.
            if (frame.NeedsExact)
            {
                Exact(ref frame, destination, i);
                continue;
            }
            values.StoreAligned(destination + i);
        }
        if (i < length)
        {
            Partial(ref frame, destination, i, length - i, scalarTail);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Exact(ref VectorFrame<T> frame, T* destination, nuint i)
    {
        frame.NeedsExact = false;
        TRoot.Eval<ExactMode>(ref frame, i).Store(destination + i);
    }

    // Elements [start, start + count), count ≤ width: the part below scalarTail, then the rest.
    private static void Partial(ref VectorFrame<T> frame, T* destination, nuint start, nuint count, nuint scalarTail)
    {
        var end = start + count;
        var split = Math.Clamp(scalarTail, start, end);
        if (split > start)
        {
            Padded<ExactMode>(ref frame, destination, start, (int)(split - start));
        }
        if (end > split)
        {
            Padded<ScalarMathMode>(ref frame, destination, split, (int)(end - split));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Padded<TMode>(ref VectorFrame<T> frame, T* destination, nuint start, int count)
        where TMode : struct, IEvalMode
    {
        var width = Vector512<T>.Count;
        var padded = stackalloc T[VectorFrame<T>.MaxInputs * width];
        new Span<T>(padded, VectorFrame<T>.MaxInputs * width).Clear();
        var part = frame;
        for (var k = 0; k < VectorFrame<T>.MaxInputs; k++)
        {
            if (frame.Inputs[k] == 0)
            {
                continue;
            }
            var lanes = padded + (k * width);
            new ReadOnlySpan<T>((T*)frame.Inputs[k] + start, count).CopyTo(new Span<T>(lanes, count));
            part.Inputs[k] = (nint)lanes;
        }
        var result = TRoot.Eval<TMode>(ref part, 0);
        var stored = stackalloc T[width];
        result.Store(stored);
        new ReadOnlySpan<T>(stored, count).CopyTo(new Span<T>(destination + start, count));
    }
}
