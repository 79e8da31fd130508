using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// The best value so far per output and the row it came from, in vector lanes of the values'
/// own type (float64, float32, int64 or int32), for argmin and argmax (and their nan* forms)
/// that keep the innermost axis (argmax(axis=0)): each row is folded in with one compare and
/// two selects per vector of outputs, where the accumulators took a compare and branch per
/// element. The rule is the accumulators' own (<see cref="ArgExtremum{T}"/>): a value replaces
/// the best only when strictly better, so the first of equal values stays; a NaN wins and then
/// stays, unless NaN are skipped. Rows are held as integers of the values' width, their bits in
/// lanes beside the values, so one compare mask selects both.
/// </summary>
/// <remarks>
/// Every output sees its reduced values in order, one per row, so the index of a row is how
/// many rows that output has seen: all outputs of one added run have seen the same rows. A
/// 32-bit row index would overflow after 2^31 rows, so 32-bit lanes are folded into the
/// accumulators every 2^30 rows and restart, their rows counted from the fold.
/// </remarks>
/// <typeparam name="TE">The element type: float, double, int or long.</typeparam>
/// <typeparam name="TDir">Smallest or largest.</typeparam>
/// <typeparam name="TNan">Whether NaN win (argmin) or are skipped (nanargmin).</typeparam>
/// <param name="outputs">Outputs (lanes).</param>
/// <param name="rowsPerFold">
/// Rows the lanes hold before they fold (0: what a row index of the values' width holds, with
/// room to spare); tests set a few rows to check the folds.
/// </param>
internal sealed class LaneArgExtrema<TE, TDir, TNan>(int outputs, long rowsPerFold = 0) : IKeptAxisLanes
    where TE : unmanaged, INumber<TE>
    where TDir : IDirection
    where TNan : INanPolicy
{
    private readonly long _rowsPerFold = rowsPerFold > 0 ? rowsPerFold
        : rowsPerFold == 0 ? (Unsafe.SizeOf<TE>() == 8 ? long.MaxValue / 2 : 1L << 30)
        : throw new ArgumentOutOfRangeException(nameof(rowsPerFold), rowsPerFold, "Rows per fold is positive, or 0 for the default.");

    private readonly TE[] _best = new TE[outputs];
    private readonly TE[] _index = new TE[outputs];
    private readonly long[] _rows = new long[outputs];
    private readonly long[] _foldedRows = new long[outputs];
    private long _mostRows;

    public bool IsDue => _mostRows >= _rowsPerFold;

    public int RowsBeforeDue(int rowLength) => (int)Math.Clamp(_rowsPerFold - _mostRows, 1, int.MaxValue);

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
        if (rows == 0)
        {
            return;
        }
        var x = TileSums.As<T, TE>(values);
        var lanes = LaneRefs<TE>.Of(firstOutput, rowLength, _best, _index);
        var seen = _rows[firstOutput];
        var row = 0;
        if (seen == 0)
        {
            // Outputs start from their first row (all outputs of a run have seen the same rows).
            x[..rowLength].CopyTo(_best.AsSpan(firstOutput, rowLength));
            _index.AsSpan(firstOutput, rowLength).Fill(ArgOperator<TE, TDir, TNan>.RowTag(0));
            row = 1;
        }
        LaneStrips.AddRows<TE, TE, SameLoad<TE>, ArgOperator<TE, TDir, TNan>, TW>(
            lanes, x[(row * rowLength)..], rowLength, rows - row, seen + row);
        _rows.AsSpan(firstOutput, rowLength).Fill(seen + rows);
        _mostRows = Math.Max(_mostRows, seen + rows);
    }

    public void FoldInto<TAcc, TReducer, T, TOut>(TAcc[] accs)
        where TReducer : IReducer<T, TAcc, TOut>
    {
        for (var i = 0; i < _best.Length; i++)
        {
            // A skipped-NaN output that saw only NaN stays unseen (its Finish reports it).
            if (_rows[i] != 0 && !(TNan.Skip && TE.IsNaN(_best[i])))
            {
                TReducer.AddLaneArgExtreme(ref accs[i], Unsafe.As<TE, T>(ref _best[i]), _foldedRows[i] + RowOf(_index[i]));
            }
            _foldedRows[i] += _rows[i];
            _rows[i] = 0;
        }
        _mostRows = 0;
    }

    /// <summary>The row whose bits <see cref="ArgOperator{TE, TDir, TNan}.RowTag"/> put in a lane.</summary>
    private static long RowOf(TE tag) => Unsafe.SizeOf<TE>() == 8 ? Unsafe.BitCast<TE, long>(tag) : Unsafe.BitCast<TE, int>(tag);
}

/// <summary>
/// The lane operator of argmin and argmax: the best value (a) and the bits of its row (b); a
/// row's value and tag replace them where the value is strictly better (or NaN, unless skipped).
/// </summary>
internal readonly struct ArgOperator<TE, TDir, TNan> : ILaneOperator<TE>
    where TE : unmanaged, INumber<TE>
    where TDir : IDirection
    where TNan : INanPolicy
{
    private static bool IsFloat => typeof(TE) == typeof(double) || typeof(TE) == typeof(float);

    public static int Accumulated => 2;

    public static bool ReadsFixed => false;

    public static bool ReadsRow => true;

    /// <summary>The row as an integer of the values' width, its bits in a lane of their type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TE RowTag(long row) => Unsafe.SizeOf<TE>() == 8 ? Unsafe.BitCast<long, TE>(row) : Unsafe.BitCast<int, TE>((int)row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate<TVec, TOps>(ref TVec a, ref TVec b, ref TVec c, TVec value, TVec k, TVec row)
        where TVec : struct
        where TOps : ISimd<TE, TVec>
    {
        // Not strictly better, or a NaN on either side: the compare is false for NaN.
        var keep = typeof(TDir) == typeof(Largest) ? TOps.LessThanOrEqual(value, a) : TOps.LessThanOrEqual(a, value);
        var best = TOps.ConditionalSelect(keep, a, value);
        var index = TOps.ConditionalSelect(keep, b, row);
        if (IsFloat)
        {
            // Propagating, a NaN best stays; skipping, a NaN value never replaces the best (a NaN
            // best is only an output's NaN start, which the first number replaces).
            var guard = TNan.Skip ? TOps.Equals(value, value) : TOps.Equals(a, a);
            best = TOps.ConditionalSelect(guard, best, a);
            index = TOps.ConditionalSelect(guard, index, b);
        }
        a = best;
        b = index;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate(ref TE a, ref TE b, ref TE c, TE value, TE k, TE row)
    {
        var better = !IsFloat ? TDir.Better(value, a)
            : TNan.Skip ? !TE.IsNaN(value) && (TE.IsNaN(a) || TDir.Better(value, a))
            : !TE.IsNaN(a) && (TE.IsNaN(value) || TDir.Better(value, a));
        if (better)
        {
            a = value;
            b = row;
        }
    }
}
