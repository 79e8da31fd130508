using System.Numerics;
using System.Numerics.Tensors;
using Tessera.Arrays.Blocks;
using Tessera.Arrays.Structure;

namespace Tessera.Arrays;

/// <summary>
/// Order statistics along one axis (median, percentiles, quantiles) and weighted averages. As in
/// dask.array, the axis is first made one chunk (a rechunk; the other axes keep their blocks),
/// then each block is sorted along it: exact, at the cost of holding whole lines of the axis.
/// </summary>
public static partial class BlockedArray
{
    /// <summary>The median along <paramref name="axis"/> (NumPy's <c>median</c>: NaN when a line holds NaN).</summary>
    public static BlockedArray<T> Median<T>(BlockedArray<T> x, int axis) where T : unmanaged, IFloatingPointIeee754<T> =>
        Percentile(x, [50.0], axis, skipNaN: false, "median").Squeeze(0);

    /// <summary>The median along <paramref name="axis"/> ignoring NaN (NumPy's <c>nanmedian</c>; NaN for a line of NaN only).</summary>
    public static BlockedArray<T> NanMedian<T>(BlockedArray<T> x, int axis) where T : unmanaged, IFloatingPointIeee754<T> =>
        Percentile(x, [50.0], axis, skipNaN: true, "nanmedian").Squeeze(0);

    /// <summary>
    /// The <paramref name="q"/>-th percentiles (0–100) along <paramref name="axis"/>, linearly
    /// interpolated (NumPy's <c>percentile</c>, method 'linear'). As in NumPy, the result's first
    /// axis has one entry per percentile, followed by the array's axes without <paramref name="axis"/>.
    /// </summary>
    public static BlockedArray<T> Percentile<T>(BlockedArray<T> x, double[] q, int axis) where T : unmanaged, IFloatingPointIeee754<T> =>
        Percentile(x, q, axis, skipNaN: false, "percentile");

    /// <summary>The <paramref name="q"/>-th quantiles (0–1) along <paramref name="axis"/> (NumPy's <c>quantile</c>); see <see cref="Percentile{T}(BlockedArray{T}, double[], int)"/>.</summary>
    public static BlockedArray<T> Quantile<T>(BlockedArray<T> x, double[] q, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(q);
        if (q.Any(v => !(v >= 0 && v <= 1)))
        {
            throw new ArgumentOutOfRangeException(nameof(q), $"Quantiles must be in [0, 1]; got [{string.Join(", ", q)}]. For percentiles (0-100) call Percentile.");
        }
        return Percentile(x, [.. q.Select(v => v * 100)], axis, skipNaN: false, "quantile");
    }

    /// <summary>
    /// The average along <paramref name="axis"/> weighted by <paramref name="weights"/> (NumPy's
    /// <c>average</c>): weights of the array's shape, or one weight per element of the axis.
    /// </summary>
    public static BlockedArray<T> Average<T>(BlockedArray<T> x, BlockedArray<T> weights, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weights);
        var d = Axes.Normalize(axis, x.Rank);
        var w = weights;
        if (weights.Rank == 1 && x.Rank > 1)
        {
            if (weights.Shape[0] != x.Shape[d])
            {
                throw new ArgumentException(
                    $"One weight per element of axis {axis} is needed: the axis has {x.Shape[d]} elements, the weights {weights.Shape[0]}.", nameof(weights));
            }
            w = weights.Reshape([.. Enumerable.Range(0, x.Rank).Select(k => k == d ? x.Shape[d] : 1L)]);
        }
        else if (!weights.Shape.SequenceEqual(x.Shape))
        {
            throw new ArgumentException(
                $"Weights of shape {ChunkGrid.ShapeText(weights.Shape)} do not fit an array of shape {ChunkGrid.ShapeText(x.Shape)}: " +
                $"give weights of the array's shape, or one per element of axis {axis}.", nameof(weights));
        }
        return (x * w).Sum(d) / w.Sum(d);
    }

    private static BlockedArray<T> Percentile<T>(BlockedArray<T> x, double[] q, int axis, bool skipNaN, string kind)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(q);
        if (q.Length == 0 || q.Any(v => !(v >= 0 && v <= 100)))
        {
            throw new ArgumentOutOfRangeException(nameof(q), $"Percentiles must be in [0, 100], at least one; got [{string.Join(", ", q)}].");
        }
        var d = Axes.Normalize(axis, x.Rank);
        if (x.Node.Grid.RequireKnown(kind).Shape[d] == 0)
        {
            throw new ArgumentException($"{kind} of an empty axis {axis} is undefined (NumPy returns NaN with a warning); the axis has no elements.", nameof(x));
        }
        var whole = x.Rechunk(new Dictionary<int, long> { [d] = -1 });
        // Output block i: the percentiles along the axis, where the axis was (length q.Length).
        var chunks = new ChunkGrid([.. whole.Chunks.Chunks.Select((c, k) => k == d ? new[] { (long)q.Length } : c.ToArray())]);
        var percentiles = (double[])q.Clone();
        var lines = new BlockedArray<T>(UserBlocks.Map<T>(kind, [whole.Node], chunks, (Func<Tensor<T>, int, double[], bool, Tensor<T>>)LinePercentiles,
            $"{kind}-axis-{d}-q-{string.Join("_", q)}", (blocks, _) => LinePercentiles(UserBlocks.ToTensor<T>(blocks[0]), d, percentiles, skipNaN)));
        return lines.MoveAxis(d, 0);
    }

    /// <summary>The percentiles of every line of <paramref name="block"/> along <paramref name="axis"/>, in its place.</summary>
    private static Tensor<T> LinePercentiles<T>(Tensor<T> block, int axis, double[] q, bool skipNaN) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[block.FlattenedLength];
        block.FlattenTo(values);
        var shape = block.Lengths.ToArray();
        var n = (int)shape[axis];
        var inner = 1;
        for (var k = axis + 1; k < shape.Length; k++)
        {
            inner *= (int)shape[k];
        }
        var outer = inner == 0 ? 0 : values.Length / (n * inner);
        var output = new T[outer * q.Length * inner];
        var line = new T[n];
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var count = 0;
                var hasNaN = false;
                for (var k = 0; k < n; k++)
                {
                    var v = values[(((o * n) + k) * inner) + i];
                    if (T.IsNaN(v))
                    {
                        hasNaN = true;
                        if (skipNaN)
                        {
                            continue;
                        }
                    }
                    line[count++] = v;
                }
                var sorted = line.AsSpan(0, count);
                sorted.Sort();
                for (var p = 0; p < q.Length; p++)
                {
                    output[(((o * q.Length) + p) * inner) + i] = (hasNaN && !skipNaN) || count == 0 ? T.NaN : Interpolate(sorted, q[p]);
                }
            }
        }
        shape[axis] = q.Length;
        return Tensor.Create(output, shape);
    }

    /// <summary>NumPy's 'linear' method: the point at rank (n − 1)·q/100 between its neighbours.</summary>
    private static T Interpolate<T>(ReadOnlySpan<T> sorted, double percentile) where T : IFloatingPointIeee754<T>
    {
        var rank = (sorted.Length - 1) * (percentile / 100.0);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Length - 1);
        var fraction = T.CreateChecked(rank - below);
        var (a, b) = (sorted[below], sorted[above]);
        // NumPy's lerp: from the nearer end, so the result is exact at both ends and monotonic.
        return fraction >= T.CreateChecked(0.5) ? b - ((b - a) * (T.One - fraction)) : a + ((b - a) * fraction);
    }
}
