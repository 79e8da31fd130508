using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tessera.Kernels.Ops.Simd;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Plain double sums per output for reductions that keep the innermost axis (sum/mean over outer
/// axes): each row is added with one vector add, and the lanes are folded into the compensated
/// accumulators once every <see cref="RowsPerFold"/> rows on average. A lane therefore holds a
/// plain sum of at most a few hundred values (error ~ hundreds of ulps of the partial, far less
/// than NumPy's plain row-by-row accumulation over the whole axis), while the compensated sums
/// keep the total accurate however long the axis.
/// </summary>
/// <remarks>
/// The add is the whole inner loop of an outer-axis sum, so it is kept to one load of the lane,
/// one load of the value and one store per vector. Counts are not kept per lane: every added run
/// covers a contiguous range of outputs, so its count is recorded as +1 at the range's start and
/// -1 past its end, and the running sum of those steps at the fold gives each output's count.
/// </remarks>
internal sealed class LaneSums(int outputs)
{
    private const int RowsPerFold = 256;

    private readonly double[] _sums = new double[outputs];
    private readonly long[] _countSteps = new long[outputs + 1];
    private readonly long _foldAfter = (long)RowsPerFold * Math.Max(outputs, 1);
    private long _pending;

    public bool IsDue => _pending >= _foldAfter;

    /// <summary>Rows of <paramref name="rowLength"/> values that may be added before the lanes are due to fold (at least one).</summary>
    public int RowsBeforeDue(int rowLength) => (int)Math.Clamp((_foldAfter - _pending + rowLength - 1) / Math.Max(1, rowLength), 1, int.MaxValue);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add<T>(int firstOutput, ReadOnlySpan<T> values)
    {
        ref var sums = ref MemoryMarshal.GetArrayDataReference(_sums);
        sums = ref Unsafe.Add(ref sums, firstOutput);
        if (typeof(T) == typeof(double))
        {
            AddDoubles(ref sums, SpanReinterpret.AsDoubles(values));
        }
        else if (typeof(T) == typeof(float))
        {
            AddSingles(ref sums, MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(values)), values.Length));
        }
        else
        {
            throw new NotSupportedException($"Lane sums hold float and double values, not {typeof(T).Name}.");
        }
        _countSteps[firstOutput]++;
        _countSteps[firstOutput + values.Length]--;
        _pending += values.Length;
    }

    /// <summary>
    /// Adds <paramref name="rows"/> consecutive rows of <paramref name="rowLength"/> values, all
    /// to the outputs from <paramref name="firstOutput"/>. Rows go eight at a time, a strip of
    /// lanes held in registers while the eight rows' values (float32 widened) are added in row
    /// order (the same sums as row by row), so the lanes are loaded and stored once per eight
    /// rows: one load and store of the lanes per row cost more than reading the rows from memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRows<T>(int firstOutput, ReadOnlySpan<T> values, int rowLength, int rows)
    {
        ref var sums = ref MemoryMarshal.GetArrayDataReference(_sums);
        sums = ref Unsafe.Add(ref sums, firstOutput);
        var row = 0;
        if (typeof(T) == typeof(double))
        {
            var x = SpanReinterpret.AsDoubles(values);
            for (; row + 8 <= rows; row += 8)
            {
                AddEightRows<double, DoubleLoad>(ref sums, x.Slice(row * rowLength, 8 * rowLength), rowLength);
            }
            for (; row < rows; row++)
            {
                AddDoubles(ref sums, x.Slice(row * rowLength, rowLength));
            }
        }
        else if (typeof(T) == typeof(float))
        {
            var x = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(values)), values.Length);
            for (; row + 8 <= rows; row += 8)
            {
                AddEightRows<float, SingleLoad>(ref sums, x.Slice(row * rowLength, 8 * rowLength), rowLength);
            }
            for (; row < rows; row++)
            {
                AddSingles(ref sums, x.Slice(row * rowLength, rowLength));
            }
        }
        else
        {
            throw new NotSupportedException($"Lane sums hold float and double values, not {typeof(T).Name}.");
        }
        _countSteps[firstOutput] += rows;
        _countSteps[firstOutput + rowLength] -= rows;
        _pending += (long)rows * rowLength;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FoldInto<TAcc, TReducer, T, TOut>(TAcc[] accs) where TReducer : IReducer<T, TAcc, TOut>
    {
        long count = 0;
        for (var i = 0; i < _sums.Length; i++)
        {
            count += _countSteps[i];
            _countSteps[i] = 0;
            if (count != 0)
            {
                TReducer.AddLaneSum(ref accs[i], _sums[i], count);
                _sums[i] = 0;
            }
        }
        _countSteps[^1] = 0;
        _pending = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddDoubles(ref double sums, ReadOnlySpan<double> values)
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var n = (nuint)values.Length;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 32 <= n; i += 32)
            {
                (Vector512.LoadUnsafe(ref sums, i) + Vector512.LoadUnsafe(ref x, i)).StoreUnsafe(ref sums, i);
                (Vector512.LoadUnsafe(ref sums, i + 8) + Vector512.LoadUnsafe(ref x, i + 8)).StoreUnsafe(ref sums, i + 8);
                (Vector512.LoadUnsafe(ref sums, i + 16) + Vector512.LoadUnsafe(ref x, i + 16)).StoreUnsafe(ref sums, i + 16);
                (Vector512.LoadUnsafe(ref sums, i + 24) + Vector512.LoadUnsafe(ref x, i + 24)).StoreUnsafe(ref sums, i + 24);
            }
            for (; i + 8 <= n; i += 8)
            {
                (Vector512.LoadUnsafe(ref sums, i) + Vector512.LoadUnsafe(ref x, i)).StoreUnsafe(ref sums, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= n; i += 4)
            {
                (Vector256.LoadUnsafe(ref sums, i) + Vector256.LoadUnsafe(ref x, i)).StoreUnsafe(ref sums, i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref sums, i) += Unsafe.Add(ref x, i);
        }
    }

    /// <summary>Eight rows added to the lanes a strip at a time (see <see cref="AddRows{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddEightRows<T, TLoad>(ref double sums, ReadOnlySpan<T> values, int rowLength)
        where TLoad : IWideningLoad<T>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var n = (nuint)rowLength;
        var stride = (nuint)rowLength;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= n; i += 16)
            {
                var s0 = Vector512.LoadUnsafe(ref sums, i);
                var s1 = Vector512.LoadUnsafe(ref sums, i + 8);
                for (nuint r = 0, at = i; r < 8; r++, at += stride)
                {
                    var (low, high) = TLoad.Pair512(ref x, at);
                    s0 += low;
                    s1 += high;
                }
                s0.StoreUnsafe(ref sums, i);
                s1.StoreUnsafe(ref sums, i + 8);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8)
            {
                var s0 = Vector256.LoadUnsafe(ref sums, i);
                var s1 = Vector256.LoadUnsafe(ref sums, i + 4);
                for (nuint r = 0, at = i; r < 8; r++, at += stride)
                {
                    var (low, high) = TLoad.Pair256(ref x, at);
                    s0 += low;
                    s1 += high;
                }
                s0.StoreUnsafe(ref sums, i);
                s1.StoreUnsafe(ref sums, i + 4);
            }
        }
        for (; i < n; i++)
        {
            var sum = Unsafe.Add(ref sums, i);
            for (nuint r = 0, at = i; r < 8; r++, at += stride)
            {
                sum += TLoad.One(ref x, at);
            }
            Unsafe.Add(ref sums, i) = sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddSingles(ref double sums, ReadOnlySpan<float> values)
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var n = (nuint)values.Length;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= n; i += 16)
            {
                var (low, high) = Vector512.Widen(Vector512.LoadUnsafe(ref x, i));
                (Vector512.LoadUnsafe(ref sums, i) + low).StoreUnsafe(ref sums, i);
                (Vector512.LoadUnsafe(ref sums, i + 8) + high).StoreUnsafe(ref sums, i + 8);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref x, i));
                (Vector256.LoadUnsafe(ref sums, i) + low).StoreUnsafe(ref sums, i);
                (Vector256.LoadUnsafe(ref sums, i + 4) + high).StoreUnsafe(ref sums, i + 4);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref sums, i) += Unsafe.Add(ref x, i);
        }
    }
}
