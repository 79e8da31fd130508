using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Fused.Compiled;

/// <summary>A compiled expression: evaluates it for <c>length</c> elements into <c>destination</c>.</summary>
internal abstract unsafe class VectorKernel<T>
    where T : unmanaged
{
    /// <summary>Runs the kernel with vectors of <paramref name="bits"/> bits (512, 256 or 128).</summary>
    public abstract void Run(ref VectorFrame<T> frame, T* destination, nuint length, int bits);
}

/// <summary>
/// The loop around one compiled tree <typeparamref name="TRoot"/>, written once over the vector
/// width: one vector per iteration, every node inlined, stores aligned to the vector size
/// (managed arrays are only 8-byte aligned: a split store costs more than the few extra
/// instructions, and inputs allocated alike become aligned too). The few elements before the
/// first aligned store and after the last whole vector are evaluated as one vector whose input
/// lanes are copied into zero-padded scratch, and only those lanes are stored.
/// </summary>
/// <remarks>
/// Every element's value depends on its own lanes alone (the tile path's sin/cos also evaluate
/// their tail as a padded vector), so the results are bit-identical to the tile path's whatever
/// the alignment, and the same at every width with FMA.
/// </remarks>
internal sealed unsafe class VectorKernel<T, TRoot> : VectorKernel<T>
    where T : unmanaged
    where TRoot : struct, IVectorNode<T>
{
    public override void Run(ref VectorFrame<T> frame, T* destination, nuint length, int bits)
    {
        switch (bits)
        {
            case 512:
                Loop<Vector512<T>, Simd512<T>>(ref frame, destination, length);
                break;
            case 256:
                Loop<Vector256<T>, Simd256<T>>(ref frame, destination, length);
                break;
            case 128:
                Loop<Vector128<T>, Simd128<T>>(ref frame, destination, length);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(bits), bits, "Vectors have 512, 256 or 128 bits.");
        }
    }

    // Straight to optimised code: the loop runs once per call over millions of elements, so
    // tier-0 code (no inlining: a call per node per vector) and its OSR version would be timed.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Loop<TVec, TOps>(ref VectorFrame<T> frame, T* destination, nuint length)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
    {
        var width = (nuint)TOps.Count;
        var misaligned = (nuint)destination % (width * (nuint)sizeof(T)) / (nuint)sizeof(T);
        var head = misaligned == 0 ? 0 : Math.Min(width - misaligned, length);
        if (head > 0)
        {
            Padded<TVec, TOps>(ref frame, destination, 0, (int)head);
        }
        var i = head;
        for (; i + width <= length; i += width)
        {
            var values = TRoot.Eval<TVec, TOps, FastMode>(ref frame, i);
            // Stored only if exact: the output may be an input (in place), which Exact re-reads.
            if (frame.NeedsExact)
            {
                Exact<TVec, TOps>(ref frame, destination, i);
                continue;
            }
            TOps.StoreAligned(destination + i, values);
        }
        if (i < length)
        {
            Padded<TVec, TOps>(ref frame, destination, i, (int)(length - i));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Exact<TVec, TOps>(ref VectorFrame<T> frame, T* destination, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
    {
        frame.NeedsExact = false;
        TOps.Store(destination + i, TRoot.Eval<TVec, TOps, ExactMode>(ref frame, i));
    }

    // Elements [start, start + count), count < width, as one vector over zero-padded input lanes.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Padded<TVec, TOps>(ref VectorFrame<T> frame, T* destination, nuint start, int count)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
    {
        var width = TOps.Count;
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
        var result = TRoot.Eval<TVec, TOps, ExactMode>(ref part, 0);
        var stored = stackalloc T[width];
        TOps.Store(stored, result);
        new ReadOnlySpan<T>(stored, count).CopyTo(new Span<T>(destination + start, count));
    }
}
