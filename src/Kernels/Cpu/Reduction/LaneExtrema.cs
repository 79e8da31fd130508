using System.Numerics;
using System.Runtime.CompilerServices;

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
        LaneStrips.AddRows<TE, TE, SameLoad<TE>, ExtremeOperator<TE, TDir, TNan>, TW>(
            LaneRefs<TE>.Of(firstOutput, rowLength, _best), x, rowLength, rows, 0);
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
}

/// <summary>
/// The lane operator of min, max, nanmin and nanmax: each value replaces its lane's best by the
/// vector min or max (NaN propagating, IEEE 754:2019, or skipped).
/// </summary>
internal readonly struct ExtremeOperator<TE, TDir, TNan> : ILaneOperator<TE>
    where TE : unmanaged, INumber<TE>
    where TDir : IDirection
    where TNan : INanPolicy
{
    /// <summary>Whether NaN must be skipped: integers hold no NaN, so they need no masks.</summary>
    private static bool SkipsNaN => TNan.Skip && (typeof(TE) == typeof(double) || typeof(TE) == typeof(float));

    public static int Accumulated => 1;

    public static bool ReadsFixed => false;

    public static bool ReadsRow => false;

    public static TE RowTag(long row) => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate<TVec, TOps>(ref TVec a, ref TVec b, ref TVec c, TVec value, TVec k, TVec row)
        where TVec : struct
        where TOps : ISimd<TE, TVec>
    {
        var best = a;
        if (SkipsNaN)
        {
            // A NaN on either side gives way to the other side (a NaN value becomes the best, then
            // a NaN best becomes that value), so the result is NaN only when both are.
            value = TOps.ConditionalSelect(TOps.Equals(value, value), value, best);
            best = TOps.ConditionalSelect(TOps.Equals(best, best), best, value);
        }
        a = typeof(TDir) == typeof(Largest) ? TOps.Max(best, value) : TOps.Min(best, value);
    }

    /// <summary>min or max of two values, by the vector rule: NaN propagating, or NaN skipped for nanmin and nanmax.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate(ref TE a, ref TE b, ref TE c, TE value, TE k, TE row) =>
        a = TE.IsNaN(a) ? (SkipsNaN ? value : a)
        : TE.IsNaN(value) ? (SkipsNaN ? a : value)
        : typeof(TDir) == typeof(Largest) ? TE.MaxNumber(a, value) : TE.MinNumber(a, value);
}
