using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// The smallest or largest value so far per output, in lanes of the values' own type, for min
/// and max that keep the innermost axis (max(axis=0)): each row is folded in with one vector
/// min or max per vector of outputs (NaN propagating, IEEE 754:2019, or NaN skipped for nanmin
/// and nanmax), where the accumulators took one compare and branch per element. min and max are
/// exact, so the lanes never need folding for accuracy: they go to the accumulators once, at the end.
/// </summary>
/// <typeparam name="TE">The element type: float, double, int or long.</typeparam>
/// <typeparam name="TDir">Smallest or largest.</typeparam>
/// <typeparam name="TNan">
/// Whether NaN propagate or are skipped. Skipped, a lane holds NaN only while every value it saw
/// was NaN, and such a lane is never folded, so its accumulator stays unseen and finishes as NaN.
/// </typeparam>
internal sealed class LaneExtrema<TE, TDir, TNan>(int outputs) : IKeptAxisLanes
    where TE : unmanaged, INumber<TE>
    where TDir : IDirection
    where TNan : INanPolicy
{
    /// <summary>Whether NaN must be skipped: integers hold no NaN, so they need no masks.</summary>
    private static bool SkipsNaN => TNan.Skip && (typeof(TE) == typeof(double) || typeof(TE) == typeof(float));

    private readonly TE[] _best = new TE[outputs];
    private readonly bool[] _seen = new bool[outputs];

    public bool IsDue => false;

    public int RowsBeforeDue(int rowLength) => int.MaxValue;

    public void Add<T, TW>(int firstOutput, ReadOnlySpan<T> values)
        where TW : IVectorWidth => AddRows<T, TW>(firstOutput, values, values.Length, 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRows<T, TW>(int firstOutput, ReadOnlySpan<T> values, int rowLength, int rows)
        where TW : IVectorWidth
    {
        if (typeof(T) != typeof(TE))
        {
            throw new NotSupportedException($"These lanes hold {typeof(TE).Name}, not {typeof(T).Name}.");
        }
        var x = TileSums.As<T, TE>(values);
        var row = 0;
        var fresh = _seen.AsSpan(firstOutput, rowLength);
        if (fresh.Contains(false))
        {
            // Outputs seen for the first time start from their first value (a row at a time
            // keeps this exact when a run covers outputs both seen and new).
            var first = x[..rowLength];
            for (var i = 0; i < rowLength; i++)
            {
                if (!fresh[i])
                {
                    _best[firstOutput + i] = first[i];
                    fresh[i] = true;
                }
            }
        }
        ref var best = ref _best[firstOutput];
        for (; row + 8 <= rows; row += 8)
        {
            var eight = x.Slice(row * rowLength, 8 * rowLength);
            if (typeof(TW) == typeof(Width512))
            {
                AddEightRows<Vector512<TE>, Simd512<TE>>(ref best, eight, rowLength);
            }
            else if (typeof(TW) == typeof(Width256))
            {
                AddEightRows<Vector256<TE>, Simd256<TE>>(ref best, eight, rowLength);
            }
            else
            {
                AddEightRows<Vector128<TE>, Simd128<TE>>(ref best, eight, rowLength);
            }
        }
        for (; row < rows; row++)
        {
            var one = x.Slice(row * rowLength, rowLength);
            if (typeof(TW) == typeof(Width512))
            {
                AddRow<Vector512<TE>, Simd512<TE>>(ref best, one);
            }
            else if (typeof(TW) == typeof(Width256))
            {
                AddRow<Vector256<TE>, Simd256<TE>>(ref best, one);
            }
            else
            {
                AddRow<Vector128<TE>, Simd128<TE>>(ref best, one);
            }
        }
    }

    public void FoldInto<TAcc, TReducer, T, TOut>(TAcc[] accs)
        where TReducer : IReducer<T, TAcc, TOut>
    {
        for (var i = 0; i < _best.Length; i++)
        {
            if (_seen[i])
            {
                // An all-NaN nanmin or nanmax output must stay unseen so that it finishes as NaN.
                if (SkipsNaN && TE.IsNaN(_best[i]))
                {
                    _seen[i] = false;
                    continue;
                }

                TReducer.AddLaneExtreme(ref accs[i], Unsafe.As<TE, T>(ref _best[i]));
                _seen[i] = false;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Better<TVec, TOps>(TVec a, TVec b)
        where TVec : struct
        where TOps : ISimd<TE, TVec>
    {
        if (SkipsNaN)
        {
            // A NaN on either side gives way to the other side (a NaN b becomes a, then a NaN a
            // becomes that b), so the result is NaN only when both are.
            b = TOps.ConditionalSelect(TOps.Equals(b, b), b, a);
            a = TOps.ConditionalSelect(TOps.Equals(a, a), a, b);
        }
        return typeof(TDir) == typeof(Largest) ? TOps.Max(a, b) : TOps.Min(a, b);
    }

    /// <summary>min or max of two values, by the vector rule: NaN propagating, or NaN skipped for nanmin and nanmax.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TE Scalar(TE a, TE b) =>
        TE.IsNaN(a) ? (SkipsNaN ? b : a)
        : TE.IsNaN(b) ? (SkipsNaN ? a : b)
        : typeof(TDir) == typeof(Largest) ? TE.MaxNumber(a, b) : TE.MinNumber(a, b);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRow<TVec, TOps>(ref TE best, ReadOnlySpan<TE> values)
        where TVec : struct
        where TOps : ISimd<TE, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)values.Length;
        nuint i = 0;
        for (; i + w <= n; i += w)
        {
            TOps.StoreUnsafe(Better<TVec, TOps>(TOps.LoadUnsafe(ref best, i), TOps.LoadUnsafe(ref x, i)), ref best, i);
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref best, i) = Scalar(Unsafe.Add(ref best, i), Unsafe.Add(ref x, i));
        }
    }

    /// <summary>Eight rows folded a strip of two vectors at a time, the strip held in registers across the rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddEightRows<TVec, TOps>(ref TE best, ReadOnlySpan<TE> values, int rowLength)
        where TVec : struct
        where TOps : ISimd<TE, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)rowLength;
        var stride = (nuint)rowLength;
        nuint i = 0;
        for (; i + (2 * w) <= n; i += 2 * w)
        {
            var b0 = TOps.LoadUnsafe(ref best, i);
            var b1 = TOps.LoadUnsafe(ref best, i + w);
            for (nuint r = 0, at = i; r < 8; r++, at += stride)
            {
                b0 = Better<TVec, TOps>(b0, TOps.LoadUnsafe(ref x, at));
                b1 = Better<TVec, TOps>(b1, TOps.LoadUnsafe(ref x, at + w));
            }
            TOps.StoreUnsafe(b0, ref best, i);
            TOps.StoreUnsafe(b1, ref best, i + w);
        }
        for (; i < n; i++)
        {
            var b = Unsafe.Add(ref best, i);
            for (nuint r = 0, at = i; r < 8; r++, at += stride)
            {
                b = Scalar(b, Unsafe.Add(ref x, at));
            }
            Unsafe.Add(ref best, i) = b;
        }
    }
}
