using System.Numerics;
using System.Numerics.Tensors;
using Tessera.Arrays.Blocks;

namespace Tessera.Arrays;

/// <summary>
/// Where an array is nonzero, as NumPy's <c>nonzero</c>, <c>flatnonzero</c> and <c>argwhere</c>.
/// Each axis's coordinates are made block by block beside the array and selected by the
/// nonzero mask, so the results are lazy 1-D arrays with blocks of unknown size (dask's NaN
/// chunks), in row-major order.
/// </summary>
public static partial class BlockedArray
{
    /// <summary>The indices of the nonzero elements, one 1-D array per axis (NumPy's <c>nonzero</c>).</summary>
    public static BlockedArray<long>[] Nonzero<T>(BlockedArray<T> x) where T : unmanaged, INumber<T> => Nonzero(NonzeroMask(x));

    /// <summary>The indices of the true elements, one 1-D array per axis (NumPy's <c>nonzero</c> of a mask).</summary>
    public static BlockedArray<long>[] Nonzero(BlockedArray<bool> mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Rank == 0)
        {
            throw new ArgumentException("Nonzero of a scalar (0-d) array is not defined (NumPy deprecates it); reshape it to one element first.", nameof(mask));
        }
        return [.. Enumerable.Range(0, mask.Rank).Select(axis => Coordinates(mask, axis)[mask])];
    }

    /// <summary>The flat (row-major) indices of the nonzero elements (NumPy's <c>flatnonzero</c>).</summary>
    public static BlockedArray<long> FlatNonzero<T>(BlockedArray<T> x) where T : unmanaged, INumber<T>
    {
        var mask = NonzeroMask(x);
        return FlatPositions(mask)[mask];
    }

    /// <summary>
    /// The indices of the nonzero elements as rows of an (n, rank) array (NumPy's <c>argwhere</c>).
    /// </summary>
    public static BlockedArray<long> ArgWhere<T>(BlockedArray<T> x) where T : unmanaged, INumber<T> => ArgWhere(NonzeroMask(x));

    /// <summary>The indices of the true elements as rows of an (n, rank) array (NumPy's <c>argwhere</c> of a mask).</summary>
    public static BlockedArray<long> ArgWhere(BlockedArray<bool> mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var shape = mask.Node.Grid.RequireKnown("ArgWhere").Shape.ToArray();
        var count = shape.Aggregate(1L, (p, s) => p * s);
        var rank = shape.Length;
        // Rows of the flattened array, each holding its element's multi-index; then the rows whose
        // element is nonzero. (Stacking the per-axis results would need their unknown sizes.)
        var flat = mask.Reshape(count);
        var column = flat.Reshape(count, 1);
        var rows = new ChunkGrid([[.. column.Chunks.Chunks[0]], [rank]]);
        var indices = new BlockedArray<long>(UserBlocks.Map<long>("argwhere-rows", [column.Node], rows, (Func<int, int>)Math.Abs,
            $"argwhere-rows-{string.Join("_", shape)}", (_, info) =>
            {
                var (start, stop) = info.Output.ArrayLocation[0];
                var result = new long[(stop - start) * rank];
                for (var i = start; i < stop; i++)
                {
                    var rest = i;
                    for (var a = rank - 1; a >= 0; a--)
                    {
                        result[((i - start) * rank) + a] = rest % shape[a];
                        rest /= shape[a];
                    }
                }
                return Tensor.Create(result, [(nint)(stop - start), rank]);
            }));
        return indices.Compress(flat, 0);
    }

    private static BlockedArray<bool> NonzeroMask<T>(BlockedArray<T> x) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(UserBlocks.Map<bool>("nonzero-mask", [x.Node], null, (Func<T, bool>)T.IsZero, "nonzero-mask", (blocks, _) =>
        {
            var block = UserBlocks.ToTensor<T>(blocks[0]);
            var values = new T[block.FlattenedLength];
            block.FlattenTo(values);
            var mask = new bool[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                mask[i] = !T.IsZero(values[i]);
            }
            return Tensor.Create(mask, block.Lengths);
        }));
    }

    /// <summary>An array of <paramref name="like"/>'s shape and blocks whose elements are their own index along <paramref name="axis"/>.</summary>
    private static BlockedArray<long> Coordinates(BlockedArray<bool> like, int axis) =>
        new(UserBlocks.Map<long>("coordinates", [like.Node], null, (Func<int, int>)Math.Abs, $"coordinates-{axis}", (_, info) =>
        {
            var location = info.Output;
            var shape = location.BlockShape.Select(s => (nint)s).ToArray();
            var (outer, n, inner) = LineLayout(shape, axis);
            var start = location.ArrayLocation[axis].Start;
            var result = new long[outer * n * inner];
            for (var o = 0; o < outer; o++)
            {
                for (var j = 0; j < n; j++)
                {
                    result.AsSpan(((o * n) + j) * inner, inner).Fill(start + j);
                }
            }
            return Tensor.Create(result, shape);
        }));

    /// <summary>An array of <paramref name="like"/>'s shape and blocks whose elements are their own row-major index.</summary>
    private static BlockedArray<long> FlatPositions(BlockedArray<bool> like) =>
        new(UserBlocks.Map<long>("flat-positions", [like.Node], null, (Func<int, int>)Math.Abs, "flat-positions", (_, info) =>
        {
            var location = info.Output;
            var shape = location.BlockShape.ToArray();
            var rank = shape.Length;
            var count = shape.Aggregate(1L, (p, s) => p * s);
            var result = new long[count];
            var index = new long[rank];
            for (var i = 0; i < count; i++)
            {
                long flat = 0;
                for (var a = 0; a < rank; a++)
                {
                    flat = (flat * location.ArrayShape[a]) + location.ArrayLocation[a].Start + index[a];
                }
                result[i] = flat;
                for (var a = rank - 1; a >= 0 && ++index[a] == shape[a]; a--)
                {
                    index[a] = 0;
                }
            }
            return Tensor.Create(result, [.. shape.Select(s => (nint)s)]);
        }));
}
