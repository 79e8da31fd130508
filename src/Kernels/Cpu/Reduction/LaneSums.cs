using System.Numerics.Tensors;
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
internal sealed class LaneSums(int outputs)
{
    private const int RowsPerFold = 256;

    private readonly double[] _sums = new double[outputs];
    private readonly long[] _counts = new long[outputs];
    private readonly long _foldAfter = (long)RowsPerFold * Math.Max(outputs, 1);
    private long _pending;

    public bool IsDue => _pending >= _foldAfter;

    public void Add<T>(int firstOutput, ReadOnlySpan<T> values)
    {
        var sums = _sums.AsSpan(firstOutput, values.Length);
        if (typeof(T) == typeof(double))
        {
            TensorPrimitives.Add(sums, SpanReinterpret.AsDoubles(values), sums);
        }
        else if (typeof(T) == typeof(float))
        {
            var floats = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(
                ref System.Runtime.CompilerServices.Unsafe.As<T, float>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values)), values.Length);
            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] += floats[i];
            }
        }
        else
        {
            throw new NotSupportedException($"Lane sums hold float and double values, not {typeof(T).Name}.");
        }
        var counts = _counts.AsSpan(firstOutput, values.Length);
        TensorPrimitives.Add(counts, 1L, counts);
        _pending += values.Length;
    }

    public void FoldInto<TAcc, TReducer, T, TOut>(TAcc[] accs) where TReducer : IReducer<T, TAcc, TOut>
    {
        for (var i = 0; i < _sums.Length; i++)
        {
            if (_counts[i] != 0)
            {
                TReducer.AddLaneSum(ref accs[i], _sums[i], _counts[i]);
                _sums[i] = 0;
                _counts[i] = 0;
            }
        }
        _pending = 0;
    }
}
