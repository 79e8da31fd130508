using Tessera.Arrays.Lazy;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.LinearAlgebra;

/// <summary>
/// Blocked products (matmul, dot, tensordot) as dask's blockwise contraction: for each output
/// block and each combination of blocks of the contracted axes, one task multiplies the two
/// operand blocks that meet there (a GEMM per batch element) into a partial the size of the
/// output block; a sum tree over the contracted block axes (the reductions' own tree, fan-in
/// splitEvery) adds the partials. Nothing is reshaped globally, so no task holds more than an
/// output block, two operand blocks and splitEvery partials. Contracted axes, and batch axes
/// that pair, are rechunked to their common refinement first.
/// </summary>
internal sealed class ContractionNode : ArrayNode
{
    private readonly ArrayNode _a;
    private readonly ArrayNode _b;
    private readonly ContractionPlan _plan;
    private readonly int _group;

    private ContractionNode(string name, ChunkGrid grid, ArrayNode a, ArrayNode b, ContractionPlan plan, int group)
        : base(name, grid, a.DType)
    {
        _a = a;
        _b = b;
        _plan = plan;
        _group = group;
    }

    public override IReadOnlyList<ArrayNode> Inputs => [_a, _b];

    public static ArrayNode Build(ArrayNode a, ArrayNode b, ContractionPlan plan, int splitEvery)
    {
        var (shapeA, shapeB) = (a.Grid.Shape, b.Grid.Shape);
        a.Grid.RequireKnown(plan.Operation);
        b.Grid.RequireKnown(plan.Operation);
        if (a.DType != b.DType || !a.DType.IsFloatingPoint())
        {
            throw new NotSupportedException(
                $"{plan.Operation} takes two float32 or two float64 arrays; got {a.DType} and {b.DType}. Convert with Astype<double>() first.");
        }
        var chunksA = a.Grid.Chunks.Select(c => c.ToArray()).ToArray();
        var chunksB = b.Grid.Chunks.Select(c => c.ToArray()).ToArray();
        for (var c = 0; c < plan.ContractA.Length; c++)
        {
            var (da, db) = (plan.ContractA[c], plan.ContractB[c]);
            if (shapeA[da] != shapeB[db])
            {
                throw new ArgumentException(ContractionMismatch(plan, shapeA, shapeB, da, db));
            }
            chunksA[da] = chunksB[db] = Common(chunksA[da], chunksB[db]);
        }
        var batchChunks = new long[plan.BatchRank][];
        for (var p = 0; p < plan.BatchRank; p++)
        {
            var (da, db) = (plan.BatchA[p], plan.BatchB[p]);
            var lengthA = da < 0 ? 1 : shapeA[da];
            var lengthB = db < 0 ? 1 : shapeB[db];
            if (lengthA != lengthB && lengthA != 1 && lengthB != 1)
            {
                throw new ArgumentException(
                    $"{plan.Operation}: batch dimensions cannot broadcast: {BlockShapes.Text(shapeA)} @ {BlockShapes.Text(shapeB)} " +
                    $"(leading axis {p} of the batch has lengths {lengthA} and {lengthB}; they must match or be 1).");
            }
            // A length-1 batch axis broadcasts: one block, read for every output block.
            if (da >= 0 && lengthA == 1)
            {
                chunksA[da] = [1];
            }
            if (db >= 0 && lengthB == 1)
            {
                chunksB[db] = [1];
            }
            if (da >= 0 && db >= 0 && lengthA == lengthB && lengthA != 1)
            {
                chunksA[da] = chunksB[db] = Common(chunksA[da], chunksB[db]);
            }
            batchChunks[p] = lengthA != 1 ? chunksA[da] : lengthB != 1 ? chunksB[db] : [1];
        }
        a = Rechunk.To(a, new ChunkGrid(chunksA));
        b = Rechunk.To(b, new ChunkGrid(chunksB));

        IReadOnlyList<long>[] outputChunks =
            [.. batchChunks, .. plan.FreeA.Select(d => chunksA[d]), .. plan.FreeB.Select(d => chunksB[d])];
        // One extra LEADING axis per contracted pair, one block of length 1 per contracted block: the
        // partials' grid. Leading, so the sum tree stacks whole partials one after another and adds
        // them as rows (vector adds), where trailing axes would interleave them element by element.
        // The first level of the sum runs inside the products: one task multiplies up to splitEvery
        // consecutive block pairs along the first contracted axis into one partial, accumulating
        // with GEMM's beta = 1. Fewer, fuller partials: no partial allocated and added per pair.
        var group = plan.ContractA.Length == 0 ? 1 : Math.Max(2, splitEvery);
        IReadOnlyList<long>[] partialChunks =
        [
            .. plan.ContractA.Select((d, c) => Enumerable.Repeat(1L, c == 0 ? (chunksA[d].Length + group - 1) / group : chunksA[d].Length).ToArray()),
            .. outputChunks,
        ];
        var products = new ContractionNode(TaskKeys.Name(plan.Operation + "-product", a.Name, b.Name, Describe(plan), group),
            new ChunkGrid(partialChunks), a, b, plan, group);
        if (plan.ContractA.Length == 0)
        {
            return products; // an outer product: nothing to sum
        }
        var axes = ReductionAxes.Of([.. Enumerable.Range(0, plan.ContractA.Length)], partialChunks.Length);
        var summed = KindReductions.Tree(ReductionKind.Sum, products, axes, splitEvery);
        return MapBlocksNode.DropAxes(summed, axes);
    }

    public override void Lower(LoweringContext context)
    {
        var backend = context.Backend;
        var layout = new ContractionLayout(_plan, _a.Grid.Shape, _b.Grid.Shape);
        var firstContracted = ContractRank == 0 ? 1 : _a.Grid.BlockCounts[_plan.ContractA[0]];
        foreach (var index in Grid.BlockIndices())
        {
            var shape = BlockShapes.ToInt(Grid.BlockShape(index));
            var outputShape = shape[ContractRank..];
            var args = new List<TaskArg>();
            var first = ContractRank == 0 ? 0 : index[0] * _group;
            var last = ContractRank == 0 ? 1 : Math.Min(first + _group, firstContracted);
            for (var k = first; k < last; k++)
            {
                var pair = (int[])index.Clone();
                if (ContractRank > 0)
                {
                    pair[0] = k;
                }
                args.Add(TaskArg.Ref(_a.BlockKey(OperandBlock(pair, _a.Grid, _plan.BatchA, _plan.FreeA, _plan.ContractA, ContractRank + _plan.BatchRank))));
                args.Add(TaskArg.Ref(_b.BlockKey(OperandBlock(pair, _b.Grid, _plan.BatchB, _plan.FreeB, _plan.ContractB, ContractRank + _plan.BatchRank + _plan.FreeA.Length))));
            }
            context.Graph.Add(BlockKey(index), _plan.Operation, blocks =>
            {
                var pairs = new (IDeviceBuffer A, IDeviceBuffer B)[blocks.Length / 2];
                for (var p = 0; p < pairs.Length; p++)
                {
                    pairs[p] = ((IDeviceBuffer)blocks[2 * p]!, (IDeviceBuffer)blocks[(2 * p) + 1]!);
                }
                return HostContraction.Multiply(backend, pairs, layout, outputShape, shape);
            }, [.. args]);
        }
    }

    private int ContractRank => _plan.ContractA.Length;

    /// <summary>The operand's block meeting partial block <paramref name="index"/>: contracted axes follow the leading extra axes, batch and free ones the output's.</summary>
    private int[] OperandBlock(int[] index, ChunkGrid grid, int[] batch, int[] free, int[] contract, int freeStart)
    {
        var block = new int[grid.Rank];
        for (var p = 0; p < batch.Length; p++)
        {
            if (batch[p] >= 0)
            {
                block[batch[p]] = grid.BlockCounts[batch[p]] == 1 ? 0 : index[ContractRank + p];
            }
        }
        for (var q = 0; q < free.Length; q++)
        {
            block[free[q]] = index[freeStart + q];
        }
        for (var c = 0; c < contract.Length; c++)
        {
            block[contract[c]] = index[c];
        }
        return block;
    }

    private static long[] Common(long[] a, long[] b) =>
        [.. ChunkGrid.Unify(new ChunkGrid([a]), new ChunkGrid([b])).Chunks[0]];

    private static string Describe(ContractionPlan plan) =>
        string.Join(";", new[] { plan.BatchA, plan.BatchB, plan.FreeA, plan.FreeB, plan.ContractA, plan.ContractB }.Select(x => string.Join(",", x)));

    private static string ContractionMismatch(ContractionPlan plan, IReadOnlyList<long> a, IReadOnlyList<long> b, int da, int db) =>
        plan.Operation == "matmul"
            ? $"matmul: contraction dimension mismatch: {BlockShapes.Text(a)} @ {BlockShapes.Text(b)}: the first's last axis has " +
              $"{a[da]} and the second's {(b.Count == 1 ? "only" : "second-to-last")} axis {b[db]}; they must be equal."
            : $"{plan.Operation}: shape-mismatch for sum: axis {da} of {BlockShapes.Text(a)} has {a[da]}, axis {db} of " +
              $"{BlockShapes.Text(b)} has {b[db]}; the summed axes must have equal lengths.";
}
