using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tessera.Kernels.Cpu;

namespace Tessera.ML.Cluster;

/// <summary>
/// The nearest of a few centers for every row of a block, with squared Euclidean distances as
/// ‖x‖² − 2x·c + ‖c‖² (the argmin needs only −2x·c + ‖c‖²). One pass over the rows: four rows
/// at a time, each center vector of a <see cref="CenterPanel"/> is loaded once per feature and
/// multiplied into four independent accumulators (a small GEMM micro-kernel whose k is the
/// feature count), then each row's scores are scanned for the smallest. No temporary larger
/// than 4 × centers exists, so nothing block-sized is allocated per pass.
/// </summary>
internal static class Distances
{
    /// <summary>Per row, the nearest center's index and squared distance (clamped at zero: rounding can go below).</summary>
    // Called per tile: compiled optimised at once rather than first as slow tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Nearest(ReadOnlySpan<double> x, int rows, CenterPanel panel, Span<int> labels, Span<double> nearest)
    {
        if (x.Length < rows * panel.Features || labels.Length < rows || nearest.Length < rows)
        {
            throw new ArgumentException(
                $"{rows} rows of {panel.Features} features need {rows * panel.Features} values and {rows} outputs; " +
                $"got {x.Length} values, {labels.Length} labels, {nearest.Length} distances.");
        }
        if (rows == 0)
        {
            return;
        }
        // The panel's padding must match the width the kernel runs at (both read SimdWidth).
        switch (panel.Lanes)
        {
            case 8:
                Run<Vector512<double>, Simd512<double>>(x, rows, panel, labels, nearest);
                break;
            case 4:
                Run<Vector256<double>, Simd256<double>>(x, rows, panel, labels, nearest);
                break;
            default:
                Run<Vector128<double>, Simd128<double>>(x, rows, panel, labels, nearest);
                break;
        }
    }

    /// <summary>As the span overload, into pooled arrays the caller returns with <see cref="Return"/>.</summary>
    public static (int[] Labels, double[] Nearest) Nearest(ReadOnlySpan<double> x, int rows, CenterPanel panel)
    {
        var labels = ArrayPool<int>.Shared.Rent(Math.Max(rows, 1));
        var nearest = ArrayPool<double>.Shared.Rent(Math.Max(rows, 1));
        Nearest(x, rows, panel, labels, nearest);
        return (labels, nearest);
    }

    public static void Return(int[] labels, double[] nearest)
    {
        ArrayPool<int>.Shared.Return(labels);
        ArrayPool<double>.Shared.Return(nearest);
    }

    // Hot loops run once per block per pass: compiled optimised at once, not first as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TVec, TOps>(ReadOnlySpan<double> x, int rows, CenterPanel panel, Span<int> labels, Span<double> nearest)
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        var d = panel.Features;
        var padded = panel.Padded;
        var lanes = (nuint)TOps.Count;
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var cs = ref MemoryArrayRef(panel.Scaled);
        ref var ns = ref MemoryArrayRef(panel.Norms);
        var scores = ArrayPool<double>.Shared.Rent(4 * padded);
        try
        {
            ref var s = ref MemoryArrayRef(scores);
            var i = 0;
            for (; i + 4 <= rows; i += 4)
            {
                var r0 = (nuint)(i * d);
                var r1 = r0 + (nuint)d;
                var r2 = r1 + (nuint)d;
                var r3 = r2 + (nuint)d;
                var v = (nuint)0;
                // Two center vectors × four rows: eight independent accumulators hide the
                // multiply-add latency, and each broadcast x[j] feeds two of them.
                for (; v + 2 * lanes <= (nuint)padded; v += 2 * lanes)
                {
                    var a0 = TOps.LoadUnsafe(ref ns, v);
                    var b0 = TOps.LoadUnsafe(ref ns, v + lanes);
                    var (a1, a2, a3) = (a0, a0, a0);
                    var (b1, b2, b3) = (b0, b0, b0);
                    var at = v;
                    for (nuint j = 0; j < (nuint)d; j++, at += (nuint)padded)
                    {
                        var c = TOps.LoadUnsafe(ref cs, at);
                        var e = TOps.LoadUnsafe(ref cs, at + lanes);
                        var x0 = TOps.Broadcast(Unsafe.Add(ref xs, r0 + j));
                        a0 = TOps.MultiplyAdd(x0, c, a0);
                        b0 = TOps.MultiplyAdd(x0, e, b0);
                        var x1 = TOps.Broadcast(Unsafe.Add(ref xs, r1 + j));
                        a1 = TOps.MultiplyAdd(x1, c, a1);
                        b1 = TOps.MultiplyAdd(x1, e, b1);
                        var x2 = TOps.Broadcast(Unsafe.Add(ref xs, r2 + j));
                        a2 = TOps.MultiplyAdd(x2, c, a2);
                        b2 = TOps.MultiplyAdd(x2, e, b2);
                        var x3 = TOps.Broadcast(Unsafe.Add(ref xs, r3 + j));
                        a3 = TOps.MultiplyAdd(x3, c, a3);
                        b3 = TOps.MultiplyAdd(x3, e, b3);
                    }
                    TOps.StoreUnsafe(a0, ref s, v);
                    TOps.StoreUnsafe(b0, ref s, v + lanes);
                    TOps.StoreUnsafe(a1, ref s, v + (nuint)padded);
                    TOps.StoreUnsafe(b1, ref s, v + lanes + (nuint)padded);
                    TOps.StoreUnsafe(a2, ref s, v + (nuint)(2 * padded));
                    TOps.StoreUnsafe(b2, ref s, v + lanes + (nuint)(2 * padded));
                    TOps.StoreUnsafe(a3, ref s, v + (nuint)(3 * padded));
                    TOps.StoreUnsafe(b3, ref s, v + lanes + (nuint)(3 * padded));
                }
                for (; v < (nuint)padded; v += lanes)
                {
                    var a0 = TOps.LoadUnsafe(ref ns, v);
                    var a1 = a0;
                    var a2 = a0;
                    var a3 = a0;
                    var at = v;
                    for (nuint j = 0; j < (nuint)d; j++, at += (nuint)padded)
                    {
                        var c = TOps.LoadUnsafe(ref cs, at);
                        a0 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref xs, r0 + j)), c, a0);
                        a1 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref xs, r1 + j)), c, a1);
                        a2 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref xs, r2 + j)), c, a2);
                        a3 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref xs, r3 + j)), c, a3);
                    }
                    TOps.StoreUnsafe(a0, ref s, v);
                    TOps.StoreUnsafe(a1, ref s, v + (nuint)padded);
                    TOps.StoreUnsafe(a2, ref s, v + (nuint)(2 * padded));
                    TOps.StoreUnsafe(a3, ref s, v + (nuint)(3 * padded));
                }
                for (var t = 0; t < 4; t++)
                {
                    Pick(x, i + t, d, scores.AsSpan(t * padded, panel.Count), labels, nearest);
                }
            }
            for (; i < rows; i++)
            {
                var r0 = (nuint)(i * d);
                for (nuint v = 0; v < (nuint)padded; v += lanes)
                {
                    var a0 = TOps.LoadUnsafe(ref ns, v);
                    var at = v;
                    for (nuint j = 0; j < (nuint)d; j++, at += (nuint)padded)
                    {
                        a0 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref xs, r0 + j)), TOps.LoadUnsafe(ref cs, at), a0);
                    }
                    TOps.StoreUnsafe(a0, ref s, v);
                }
                Pick(x, i, d, scores.AsSpan(0, panel.Count), labels, nearest);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scores);
        }
    }

    /// <summary>The smallest score (first on ties, as NumPy's argmin) and the distance it stands for.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pick(ReadOnlySpan<double> x, int i, int d, ReadOnlySpan<double> scores, Span<int> labels, Span<double> nearest)
    {
        var best = 0;
        var bestScore = scores[0];
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] < bestScore)
            {
                (best, bestScore) = (c, scores[c]);
            }
        }
        var row = x.Slice(i * d, d);
        var norm = 0.0;
        foreach (var value in row)
        {
            norm += value * value;
        }
        labels[i] = best;
        nearest[i] = Math.Max(bestScore + norm, 0);
    }

    private static ref double MemoryArrayRef(double[] array) => ref MemoryMarshal.GetArrayDataReference(array);
}
