using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// What a kept-axis lane kernel does to its lanes for one value of one row, in the shape of
/// System.Numerics.Tensors' operator structs: static members the JIT inlines into
/// <see cref="LaneStrips"/>' one loop, so each lane kernel supplies only this. A kernel keeps up
/// to three lane arrays it accumulates (<c>a</c>, <c>b</c>, <c>c</c>: a sum, a count, a best index
/// ...) and one it only reads (<c>k</c>: the shifts of the moments), all of the element type
/// <typeparamref name="TLane"/>.
/// </summary>
internal interface ILaneOperator<TLane>
    where TLane : unmanaged
{
    /// <summary>How many of the arrays a, b, c it accumulates (1 to 3); the others are never loaded.</summary>
    static abstract int Accumulated { get; }

    /// <summary>Whether it reads the fixed lanes k.</summary>
    static abstract bool ReadsFixed { get; }

    /// <summary>Whether it reads the row's tag (<see cref="RowTag"/>: the best row of argmin and argmax).</summary>
    static abstract bool ReadsRow { get; }

    /// <summary>Row <paramref name="row"/> (counted from the lanes' start) as a lane value, e.g. its bits as an index.</summary>
    static abstract TLane RowTag(long row);

    /// <summary>Folds one vector of a row's values into the lanes' vectors.</summary>
    static abstract void Accumulate<TVec, TOps>(ref TVec a, ref TVec b, ref TVec c, TVec value, TVec k, TVec row)
        where TVec : struct
        where TOps : ISimd<TLane, TVec>;

    /// <summary>The same for one lane: the tail past the last whole strip.</summary>
    static abstract void Accumulate(ref TLane a, ref TLane b, ref TLane c, TLane value, TLane k, TLane row);
}

/// <summary>
/// The lane arrays of one added run, each from the run's first output on. Arrays an operator
/// does not use are null references, never read.
/// </summary>
internal readonly ref struct LaneRefs<TLane>
{
    public readonly ref TLane A;
    public readonly ref TLane B;
    public readonly ref TLane C;
    public readonly ref TLane K;

    public LaneRefs(ref TLane a, ref TLane b, ref TLane c, ref TLane k)
    {
        A = ref a;
        B = ref b;
        C = ref c;
        K = ref k;
    }

    /// <summary>
    /// The lanes of the arrays (null for those unused; all of one length) from output
    /// <paramref name="first"/> on, checked to hold the <paramref name="length"/> outputs of a run.
    /// </summary>
    public static LaneRefs<TLane> Of(int first, int length, TLane[] a, TLane[]? b = null, TLane[]? c = null, TLane[]? k = null)
    {
        if (first < 0 || length < 0 || (long)first + length > a.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(first), first,
                $"A run of {length} outputs from output {first} does not fit lanes of {a.Length} outputs.");
        }
        return new(ref At(a, first), ref At(b, first), ref At(c, first), ref At(k, first));
    }

    private static ref TLane At(TLane[]? array, int first) =>
        ref array is null ? ref Unsafe.NullRef<TLane>() : ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), first);
}

/// <summary>
/// The one loop of every kept-axis lane kernel (<see cref="LaneSums"/>, <see cref="NanLaneSums"/>,
/// <see cref="IntegerLaneSums"/>, <see cref="LaneMoments{TNan}"/>, <see cref="LaneExtrema{TE, TDir, TNan}"/>,
/// <see cref="LaneProducts{TNan}"/>, <see cref="IntegerLaneProducts"/>, <see cref="LaneArgExtrema{TE, TDir, TNan}"/>,
/// <see cref="LaneLogicals{TAll}"/>): rows of values go into the lanes eight at a time, a strip of
/// two vectors of lanes held in registers while the eight rows' values are folded in, in row
/// order (the same results as row by row), so the lanes are loaded and stored once per eight
/// rows; the rows after the last eight go one at a time. One load and store of the lanes per row
/// cost more than reading the rows from memory. Only the lanes past the last whole strip of a row
/// (fewer than two vectors) are scalar.
/// </summary>
internal static class LaneStrips
{
    /// <summary>
    /// Folds <paramref name="rows"/> consecutive rows of <paramref name="rowLength"/> values into
    /// the lanes at the width <typeparamref name="TW"/>; the first is row <paramref name="firstRow"/>
    /// as the operator's <see cref="ILaneOperator{TLane}.RowTag"/> counts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRows<TIn, TLane, TLoad, TOp, TW>(LaneRefs<TLane> lanes, ReadOnlySpan<TIn> values, int rowLength, int rows, long firstRow)
        where TLane : unmanaged
        where TLoad : ILaneLoad<TIn, TLane>
        where TOp : ILaneOperator<TLane>
        where TW : IVectorWidth
    {
        if (rowLength < 0 || rows < 0 || (long)rowLength * rows > values.Length)
        {
            throw new ArgumentException(
                $"{rows} rows of {rowLength} values need {(long)rowLength * rows} values, but the run holds {values.Length}.", nameof(values));
        }
        ref var x = ref MemoryMarshal.GetReference(values);
        if (typeof(TW) == typeof(Width512))
        {
            Rows<TIn, TLane, TLoad, TOp, Vector512<TLane>, Simd512<TLane>>(lanes, ref x, rowLength, rows, firstRow);
        }
        else if (typeof(TW) == typeof(Width256))
        {
            Rows<TIn, TLane, TLoad, TOp, Vector256<TLane>, Simd256<TLane>>(lanes, ref x, rowLength, rows, firstRow);
        }
        else
        {
            Rows<TIn, TLane, TLoad, TOp, Vector128<TLane>, Simd128<TLane>>(lanes, ref x, rowLength, rows, firstRow);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TIn, TLane, TLoad, TOp, TVec, TOps>(LaneRefs<TLane> lanes, ref TIn x, int rowLength, int rows, long firstRow)
        where TLane : unmanaged
        where TLoad : ILaneLoad<TIn, TLane>
        where TOp : ILaneOperator<TLane>
        where TVec : struct
        where TOps : ISimd<TLane, TVec>
    {
        var row = 0;
        for (; row + 8 <= rows; row += 8)
        {
            Strips<TIn, TLane, TLoad, TOp, TVec, TOps>(lanes, ref Unsafe.Add(ref x, (nint)row * rowLength), (nuint)rowLength, 8, firstRow + row);
        }
        for (; row < rows; row++)
        {
            Strips<TIn, TLane, TLoad, TOp, TVec, TOps>(lanes, ref Unsafe.Add(ref x, (nint)row * rowLength), (nuint)rowLength, 1, firstRow + row);
        }
    }

    /// <summary>
    /// <paramref name="rows"/> rows (8 or 1, a constant where inlined) folded into the lanes a
    /// strip of two vectors at a time, the strip's lanes held in registers across the rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Strips<TIn, TLane, TLoad, TOp, TVec, TOps>(LaneRefs<TLane> lanes, ref TIn x, nuint n, nuint rows, long firstRow)
        where TLane : unmanaged
        where TLoad : ILaneLoad<TIn, TLane>
        where TOp : ILaneOperator<TLane>
        where TVec : struct
        where TOps : ISimd<TLane, TVec>
    {
        var w = (nuint)TOps.Count;
        var stride = n;
        nuint i = 0;
        for (; i + (2 * w) <= n; i += 2 * w)
        {
            var a0 = TOps.LoadUnsafe(ref lanes.A, i);
            var a1 = TOps.LoadUnsafe(ref lanes.A, i + w);
            TVec b0 = default, b1 = default, c0 = default, c1 = default, k0 = default, k1 = default, tag = default;
            if (TOp.Accumulated > 1)
            {
                b0 = TOps.LoadUnsafe(ref lanes.B, i);
                b1 = TOps.LoadUnsafe(ref lanes.B, i + w);
            }
            if (TOp.Accumulated > 2)
            {
                c0 = TOps.LoadUnsafe(ref lanes.C, i);
                c1 = TOps.LoadUnsafe(ref lanes.C, i + w);
            }
            if (TOp.ReadsFixed)
            {
                k0 = TOps.LoadUnsafe(ref lanes.K, i);
                k1 = TOps.LoadUnsafe(ref lanes.K, i + w);
            }
            for (nuint r = 0, at = i; r < rows; r++, at += stride)
            {
                if (TOp.ReadsRow)
                {
                    tag = TOps.Broadcast(TOp.RowTag(firstRow + (long)r));
                }
                var (low, high) = TLoad.Pair<TVec, TOps>(ref x, at);
                TOp.Accumulate<TVec, TOps>(ref a0, ref b0, ref c0, low, k0, tag);
                TOp.Accumulate<TVec, TOps>(ref a1, ref b1, ref c1, high, k1, tag);
            }
            TOps.StoreUnsafe(a0, ref lanes.A, i);
            TOps.StoreUnsafe(a1, ref lanes.A, i + w);
            if (TOp.Accumulated > 1)
            {
                TOps.StoreUnsafe(b0, ref lanes.B, i);
                TOps.StoreUnsafe(b1, ref lanes.B, i + w);
            }
            if (TOp.Accumulated > 2)
            {
                TOps.StoreUnsafe(c0, ref lanes.C, i);
                TOps.StoreUnsafe(c1, ref lanes.C, i + w);
            }
        }
        for (; i < n; i++)
        {
            var a = Unsafe.Add(ref lanes.A, i);
            TLane b = default, c = default, k = default, tag = default;
            if (TOp.Accumulated > 1)
            {
                b = Unsafe.Add(ref lanes.B, i);
            }
            if (TOp.Accumulated > 2)
            {
                c = Unsafe.Add(ref lanes.C, i);
            }
            if (TOp.ReadsFixed)
            {
                k = Unsafe.Add(ref lanes.K, i);
            }
            for (nuint r = 0, at = i; r < rows; r++, at += stride)
            {
                if (TOp.ReadsRow)
                {
                    tag = TOp.RowTag(firstRow + (long)r);
                }
                TOp.Accumulate(ref a, ref b, ref c, TLoad.One(ref x, at), k, tag);
            }
            Unsafe.Add(ref lanes.A, i) = a;
            if (TOp.Accumulated > 1)
            {
                Unsafe.Add(ref lanes.B, i) = b;
            }
            if (TOp.Accumulated > 2)
            {
                Unsafe.Add(ref lanes.C, i) = c;
            }
        }
    }
}
