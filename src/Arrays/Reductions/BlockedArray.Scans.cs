using System.Numerics;
using System.Numerics.Tensors;
using Tessera.Arrays.Blocks;
using Tessera.Arrays.Structure;

namespace Tessera.Arrays;

/// <summary>
/// Cumulative sums and products along an axis, blocked as dask does: each block is scanned on its
/// own, the blocks' last elements are scanned across (a small array, one element per block along
/// the axis), and each block is combined with the total of the blocks before it (one fused
/// elementwise step). Every block is read once; no task waits on a chain of the blocks before it
/// except the small carry.
/// </summary>
public static partial class BlockedArray
{
    /// <summary>
    /// The running sum along <paramref name="axis"/> (NumPy's <c>cumsum</c>). Accumulates in
    /// <typeparamref name="T"/>: NumPy accumulates int32 in int64, so call <c>Astype&lt;long&gt;()</c>
    /// first where the sums could pass int32's range.
    /// </summary>
    public static BlockedArray<T> CumSum<T>(BlockedArray<T> x, int axis) where T : unmanaged, INumber<T> =>
        Scan(x, axis, "cumsum", T.Zero, static (a, b) => a + b, static (a, b) => a + b);

    /// <summary>The running product along <paramref name="axis"/> (NumPy's <c>cumprod</c>), accumulated in <typeparamref name="T"/>.</summary>
    public static BlockedArray<T> CumProd<T>(BlockedArray<T> x, int axis) where T : unmanaged, INumber<T> =>
        Scan(x, axis, "cumprod", T.One, static (a, b) => a * b, static (a, b) => a * b);

    private static BlockedArray<T> Scan<T>(BlockedArray<T> x, int axis, string kind, T identity, Func<T, T, T> op,
        Func<BlockedArray<T>, BlockedArray<T>, BlockedArray<T>> combine) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var d = Axes.Normalize(axis, x.Rank);
        var grid = x.Node.Grid.RequireKnown(kind);
        var scanned = new BlockedArray<T>(UserBlocks.Map<T>(kind, [x.Node], null, op, $"{kind}-axis-{d}",
            (blocks, _) => ScanBlock(UserBlocks.ToTensor<T>(blocks[0]), d, op)));
        var lengths = grid.Chunks[d];
        if (lengths.Count <= 1)
        {
            return scanned;
        }
        // The last element of each block along the axis, scanned across the blocks.
        var ends = new long[lengths.Count];
        for (int b = 0, end = 0; b < lengths.Count; b++)
        {
            end += (int)lengths[b];
            ends[b] = end - 1;
        }
        var lasts = scanned.Take(ends, d).Rechunk(new Dictionary<int, long> { [d] = -1 });
        var totals = Scan(lasts, d, kind, identity, op, combine); // one block along the axis: no further recursion
        // What each block starts from: the identity for the first, the total of those before for
        // the others, stretched over the block's length (a broadcast view, never an index per element).
        var firstShape = totals.Shape.ToArray();
        firstShape[d] = 1;
        var start = Full(firstShape, identity, ChunkSpec.Explicit([.. totals.Chunks.Chunks.Select((c, k) => k == d ? new[] { 1L } : c.ToArray())]));
        var carries = Concatenate([start, totals.Slice(d, 0, -1)], d);
        var stretched = new List<BlockedArray<T>>(lengths.Count);
        for (var b = 0; b < lengths.Count; b++)
        {
            var carry = carries.Slice(d, b, b + 1);
            var shape = carry.Shape.ToArray();
            shape[d] = lengths[b];
            stretched.Add(carry.BroadcastTo(shape));
        }
        return combine(scanned, Concatenate(stretched, d).Rechunk(scanned.Chunks));
    }

    /// <summary>The inclusive scan of one block along <paramref name="axis"/>, in row-major order.</summary>
    private static Tensor<T> ScanBlock<T>(Tensor<T> block, int axis, Func<T, T, T> op) where T : unmanaged
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
        var outer = n == 0 || inner == 0 ? 0 : values.Length / (n * inner);
        for (var o = 0; o < outer; o++)
        {
            var plane = o * n * inner;
            for (var k = 1; k < n; k++)
            {
                var row = values.AsSpan(plane + (k * inner), inner);
                var previous = values.AsSpan(plane + ((k - 1) * inner), inner);
                for (var i = 0; i < inner; i++)
                {
                    row[i] = op(previous[i], row[i]);
                }
            }
        }
        return Tensor.Create(values, shape);
    }
}
