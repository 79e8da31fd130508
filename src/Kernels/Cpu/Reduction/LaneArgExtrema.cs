using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// The best float64 value so far per output and the row it came from, in vector lanes, for
/// argmin and argmax (and their nan* forms) that keep the innermost axis (argmax(axis=0)):
/// each row is folded in with one compare and two selects per vector of outputs, where the
/// accumulators took a compare and branch per element. The rule is the accumulators' own
/// (<see cref="ArgExtremum{T}"/>): a value replaces the best only when strictly better, so the
/// first of equal values stays; a NaN wins and then stays, unless NaN are skipped. Indexes are
/// held as doubles beside the values (exact to 2^53 rows).
/// </summary>
/// <remarks>
/// Every output sees its reduced values in order, one per row, so the index of a row is how
/// many rows that output has seen: all outputs of one added run have seen the same rows.
/// </remarks>
/// <typeparam name="TDir">Smallest or largest.</typeparam>
/// <typeparam name="TNan">Whether NaN win (argmin) or are skipped (nanargmin).</typeparam>
internal sealed class LaneArgExtrema<TDir, TNan>(int outputs) : IKeptAxisLanes
    where TDir : IDirection
    where TNan : INanPolicy
{
    private readonly double[] _best = new double[outputs];
    private readonly double[] _index = new double[outputs];
    private readonly long[] _rows = new long[outputs];

    public bool IsDue => false;

    public int RowsBeforeDue(int rowLength) => int.MaxValue;

    public void Add<T, TW>(int firstOutput, ReadOnlySpan<T> values)
        where TW : IVectorWidth => AddRows<T, TW>(firstOutput, values, values.Length, 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRows<T, TW>(int firstOutput, ReadOnlySpan<T> values, int rowLength, int rows)
        where TW : IVectorWidth
    {
        if (typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"These lanes hold double, not {typeof(T).Name}.");
        }
        var x = TileSums.As<T, double>(values);
        var seen = _rows[firstOutput];
        var row = 0;
        if (seen == 0)
        {
            // Outputs start from their first row (all outputs of a run have seen the same rows).
            x[..rowLength].CopyTo(_best.AsSpan(firstOutput, rowLength));
            _index.AsSpan(firstOutput, rowLength).Clear();
            row = 1;
        }
        ref var best = ref _best[firstOutput];
        ref var index = ref _index[firstOutput];
        for (; row < rows; row++)
        {
            var one = x.Slice(row * rowLength, rowLength);
            var at = (double)(seen + row);
            if (typeof(TW) == typeof(Width512))
            {
                AddRow<Vector512<double>, Simd512<double>>(ref best, ref index, one, at);
            }
            else if (typeof(TW) == typeof(Width256))
            {
                AddRow<Vector256<double>, Simd256<double>>(ref best, ref index, one, at);
            }
            else
            {
                AddRow<Vector128<double>, Simd128<double>>(ref best, ref index, one, at);
            }
        }
        _rows.AsSpan(firstOutput, rowLength).Fill(seen + rows);
    }

    public void FoldInto<TAcc, TReducer, T, TOut>(TAcc[] accs)
        where TReducer : IReducer<T, TAcc, TOut>
    {
        for (var i = 0; i < _best.Length; i++)
        {
            // A skipped-NaN output that saw only NaN stays unseen (its Finish reports it).
            if (_rows[i] != 0 && !(TNan.Skip && double.IsNaN(_best[i])))
            {
                TReducer.AddLaneArgExtreme(ref accs[i], Unsafe.As<double, T>(ref _best[i]), (long)_index[i]);
            }
            _rows[i] = 0;
        }
    }

    /// <summary>One row folded into the lanes: the row's value and index replace the best where it is strictly better (or NaN, unless skipped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRow<TVec, TOps>(ref double best, ref double index, ReadOnlySpan<double> values, double row)
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)values.Length;
        var at = TOps.Broadcast(row);
        nuint i = 0;
        for (; i + w <= n; i += w)
        {
            var b = TOps.LoadUnsafe(ref best, i);
            var v = TOps.LoadUnsafe(ref x, i);
            var k = TOps.LoadUnsafe(ref index, i);
            // Not strictly better, or a NaN on either side: the compare is false for NaN.
            var keep = typeof(TDir) == typeof(Largest) ? TOps.LessThanOrEqual(v, b) : TOps.LessThanOrEqual(b, v);
            var newBest = TOps.ConditionalSelect(keep, b, v);
            var newIndex = TOps.ConditionalSelect(keep, k, at);
            // Propagating, a NaN best stays; skipping, a NaN value never replaces the best (a NaN
            // best is only an output's NaN start, which the first number replaces).
            var guard = TNan.Skip ? TOps.Equals(v, v) : TOps.Equals(b, b);
            TOps.StoreUnsafe(TOps.ConditionalSelect(guard, newBest, b), ref best, i);
            TOps.StoreUnsafe(TOps.ConditionalSelect(guard, newIndex, k), ref index, i);
        }
        for (; i < n; i++)
        {
            var b = Unsafe.Add(ref best, i);
            var v = Unsafe.Add(ref x, i);
            var better = TNan.Skip
                ? !double.IsNaN(v) && (double.IsNaN(b) || TDir.Better(v, b))
                : !double.IsNaN(b) && (double.IsNaN(v) || TDir.Better(v, b));
            if (better)
            {
                Unsafe.Add(ref best, i) = v;
                Unsafe.Add(ref index, i) = row;
            }
        }
    }
}
