using Tessera.Arrays.Lazy;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Linalg;

/// <summary>
/// Blocked matrix product, as dask's: for output block (i, j) and each block l of the
/// contracted axis, one GEMM a[i, l] · b[l, j] gives a partial laid out as block (i, l, j) of a
/// 3-D grid; a sum tree over the middle axis (the reductions' own tree) adds the partials,
/// so no task holds more than splitEvery products.
/// </summary>
internal static class MatMulNode
{
    public static ArrayNode Build(ArrayNode a, ArrayNode b, int splitEvery)
    {
        if (a.Grid.Rank != 2 || b.Grid.Rank != 2)
        {
            throw new NotSupportedException(
                $"MatMul takes 2-D arrays for now; got shapes {BlockShapes.Text(a.Grid.Shape)} and {BlockShapes.Text(b.Grid.Shape)}.");
        }
        if (a.Grid.Shape[1] != b.Grid.Shape[0])
        {
            throw new ArgumentException(
                $"matmul: shapes {BlockShapes.Text(a.Grid.Shape)} and {BlockShapes.Text(b.Grid.Shape)} do not line up: " +
                $"{a.Grid.Shape[1]} columns against {b.Grid.Shape[0]} rows.");
        }
        if (a.DType != b.DType || !a.DType.IsFloatingPoint())
        {
            throw new NotSupportedException($"MatMul takes two float32 or two float64 arrays; got {a.DType} and {b.DType}.");
        }
        // The contracted axis must be cut the same way in both operands.
        var inner = ChunkGrid.Unify(new ChunkGrid([a.Grid.Chunks[1]]), new ChunkGrid([b.Grid.Chunks[0]])).Chunks[0];
        a = Rechunk.To(a, new ChunkGrid([a.Grid.Chunks[0], inner]));
        b = Rechunk.To(b, new ChunkGrid([inner, b.Grid.Chunks[1]]));

        var dtype = a.DType;
        var productGrid = new ChunkGrid([a.Grid.Chunks[0], Enumerable.Repeat(1L, inner.Count).ToArray(), b.Grid.Chunks[1]]);
        var products = new ProductNode(TaskKeys.Name("matmul-product", a.Name, b.Name), productGrid, dtype, a, b);
        var axes = ReductionAxes.Of([1], 3);
        var summed = KindReductions.Tree(ReductionKind.Sum, products, axes, splitEvery);
        return MapBlocksNode.DropAxes(summed, axes);
    }

    /// <summary>Block (i, l, j): a[i, l] · b[l, j], shaped (rows, 1, cols) to sit in the 3-D partial grid.</summary>
    private sealed class ProductNode(string name, ChunkGrid grid, DType elementType, ArrayNode a, ArrayNode b)
        : ArrayNode(name, grid, elementType)
    {
        public override IReadOnlyList<ArrayNode> Inputs => [a, b];

        public override void Lower(LoweringContext context)
        {
            var backend = context.Backend;
            foreach (var index in Grid.BlockIndices())
            {
                var shape = BlockShapes.ToInt(Grid.BlockShape(index));
                context.Graph.Add(BlockKey(index), "matmul", blocks =>
                {
                    var product = backend.Allocate(DType, [shape[0], shape[2]]);
                    backend.Gemm(false, false, 1.0, (IDeviceBuffer)blocks[0]!, (IDeviceBuffer)blocks[1]!, 0.0, product);
                    return HostBlocks.Reshape(product, shape);
                }, TaskArg.Ref(a.BlockKey([index[0], index[1]])), TaskArg.Ref(b.BlockKey([index[1], index[2]])));
            }
        }
    }
}
