using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>Whether a logical reduction is all (every value true) or any (some value true).</summary>
internal interface ILogical
{
    static abstract bool All { get; }
}

internal readonly struct AllLogical : ILogical
{
    public static bool All => true;
}

internal readonly struct AnyLogical : ILogical
{
    public static bool All => false;
}

/// <summary>
/// any and all that keep the innermost axis (any(axis=0)), in byte lanes: bools are bytes 0 and
/// 1, so any is the running byte max and all the running byte min, one vector operation per
/// 2 × 32 or 2 × 64 outputs, where the accumulators took one scalar or/and per element. Each
/// lane starts at the identity (0 for any, 1 for all), so outputs a run never reached fold in
/// unchanged; the lanes go to the accumulators once, at the end.
/// </summary>
/// <typeparam name="TAll">All or any.</typeparam>
internal sealed class LaneLogicals<TAll> : IKeptAxisLanes
    where TAll : ILogical
{
    private readonly byte[] _lanes;

    public LaneLogicals(int outputs)
    {
        _lanes = new byte[outputs];
        _lanes.AsSpan().Fill(Identity);
    }

    private static byte Identity => TAll.All ? (byte)1 : (byte)0;

    public bool IsDue => false;

    public int RowsBeforeDue(int rowLength) => int.MaxValue;

    public void Add<T, TW>(int firstOutput, ReadOnlySpan<T> values)
        where TW : IVectorWidth => AddRows<T, TW>(firstOutput, values, values.Length, 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRows<T, TW>(int firstOutput, ReadOnlySpan<T> values, int rowLength, int rows)
        where TW : IVectorWidth
    {
        if (typeof(T) != typeof(bool))
        {
            throw new NotSupportedException($"Logical lanes read bool values (the prologue cast to bool), not {typeof(T).Name}.");
        }
        LaneStrips.AddRows<bool, byte, BoolLoad, LogicalOperator<TAll>, TW>(
            LaneRefs<byte>.Of(firstOutput, rowLength, _lanes), TileSums.As<T, bool>(values), rowLength, rows, 0);
    }

    public void FoldInto<TAcc, TReducer, T, TOut>(TAcc[] accs)
        where TReducer : IReducer<T, TAcc, TOut>
    {
        for (var i = 0; i < _lanes.Length; i++)
        {
            // Compared with 0, so a bool stored as another non-zero byte still counts as true.
            var value = _lanes[i] != 0;
            TReducer.AddLaneExtreme(ref accs[i], Unsafe.As<bool, T>(ref value));
            _lanes[i] = Identity;
        }
    }
}

/// <summary>The lane operator of any (byte max) and all (byte min).</summary>
internal readonly struct LogicalOperator<TAll> : ILaneOperator<byte>
    where TAll : ILogical
{
    public static int Accumulated => 1;

    public static bool ReadsFixed => false;

    public static bool ReadsRow => false;

    public static byte RowTag(long row) => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate<TVec, TOps>(ref TVec a, ref TVec b, ref TVec c, TVec value, TVec k, TVec row)
        where TVec : struct
        where TOps : ISimd<byte, TVec> =>
        a = TAll.All ? TOps.Min(a, value) : TOps.Max(a, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate(ref byte a, ref byte b, ref byte c, byte value, byte k, byte row) =>
        a = TAll.All ? Math.Min(a, value) : Math.Max(a, value);
}
