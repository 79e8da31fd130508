using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Scheduling;

namespace Tessera.Arrays.Reductions;

/// <summary>
/// Makes one output block from the operands' blocks.
/// <paramref name="shape"/> is the output block's shape; <paramref name="sourceShape"/> the shape
/// of the source region the blocks cover (the source block, or a band of its rows), both with
/// lengths unknown to the grid filled in.
/// </summary>
internal delegate object BlockMap(IComputeBackend backend, IDeviceBuffer[] blocks, int[] index, int[] shape, int[] sourceShape);

/// <summary>
/// A layer laid out like <c>sourceGrid</c> block for block, whose block i is a function of the
/// operands' blocks feeding source block i (right-aligned, broadcast axes using block 0): the
/// chunk step of reductions, where the operands are a fused expression's inputs.
/// </summary>
/// <remarks>
/// With <c>consumesBlocks</c> (the map reads its blocks and returns something new, never a view
/// of them), operands that are file sources are read inside this layer's task on the CPU, into
/// reused scratch memory, rather than being tasks of their own: a reduction of a dataset then
/// allocates nothing per block, and a block read is never held between tasks. With
/// <c>mergeBands</c> as well (the map's result over a block is the merge of its results over
/// bands of the block's rows: a reduction over axis 0), operands stored as contiguous rows are
/// read and mapped a band at a time (<see cref="RowBands"/>).
/// </remarks>
internal sealed class MapManyNode(string name, ChunkGrid grid, DType dtype, ArrayNode[] operands, ChunkGrid sourceGrid,
    string kind, BlockMap map, bool consumesBlocks = false, Func<IComputeBackend, object[], object>? mergeBands = null)
    : ArrayNode(name, grid, dtype)
{
    public override IReadOnlyList<ArrayNode> Inputs => operands;

    public override void Lower(LoweringContext context)
    {
        var backend = context.Backend;
        var operandGrids = operands.Select(o => o.Grid).ToArray();
        var inTask = operands.Select(o => consumesBlocks && backend.Device == Device.Cpu && o is BlocksNode { ReadsInTask: true }).ToArray();
        var banded = mergeBands is not null && inTask.All(b => b) && RowBands.Apply(operands, sourceGrid);
        var rowElements = sourceGrid.Shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        var bandRows = banded ? RowBands.Rows(operands.Sum(o => o.DType.Size() * rowElements)) : 0;
        foreach (var index in Grid.BlockIndices())
        {
            var shape = BlockShapes.ToInt(Grid.BlockShape(index));
            var sourceShape = BlockShapes.ToInt(sourceGrid.BlockShape(index));
            var operandIndices = operands.Select(o => ElementwiseNode.OperandBlock(sourceGrid, o, index)).ToArray();
            var args = operands.Select((o, i) => (Operand: o, Index: operandIndices[i]))
                .Where((_, i) => !inTask[i])
                .Select(x => TaskArg.Ref(x.Operand.BlockKey(x.Index)))
                .ToArray();
            // Shapes of the blocks this task reads itself (null where it receives the block).
            var readShapes = operands.Select((o, i) => inTask[i] ? BlockShapes.ToInt(o.Grid.BlockShape(operandIndices[i])) : null).ToArray();
            if (banded && sourceShape[0] > bandRows && RowBands.Pay(bandRows, rowElements, Shapes.Length(shape)))
            {
                context.Graph.Add(BlockKey(index), kind, _ => MapBands(backend, index, shape, sourceShape, operandIndices, bandRows));
                continue;
            }
            context.Graph.Add(BlockKey(index), kind, blocks =>
            {
                var buffers = new IDeviceBuffer[operands.Length];
                List<Array>? borrowed = null;
                try
                {
                    for (int i = 0, next = 0; i < buffers.Length; i++)
                    {
                        if (readShapes[i] is { } readShape)
                        {
                            var read = ((BlocksNode)operands[i]).ReadInTask(operandIndices[i], readShape);
                            if (read.Borrowed is { } scratch)
                            {
                                (borrowed ??= []).Add(scratch); // views of memory sources borrow nothing
                            }
                            buffers[i] = read.Block;
                        }
                        else
                        {
                            buffers[i] = (IDeviceBuffer)blocks[next++]!;
                        }
                    }
                    // Unknown lengths sit on kept axes, which the operands' blocks carry.
                    var blockShape = UnknownBlockShapes.HasUnknown(shape)
                        ? UnknownBlockShapes.FromOperands(shape, operandGrids, buffers, kind) : shape;
                    var coveredShape = UnknownBlockShapes.HasUnknown(sourceShape)
                        ? UnknownBlockShapes.FromOperands(sourceShape, operandGrids, buffers, kind) : sourceShape;
                    return map(backend, buffers, index, blockShape, coveredShape);
                }
                finally
                {
                    borrowed?.ForEach(ScratchBlocks.Return);
                }
            }, args);
        }
    }

    /// <summary>The block's result as the merge of the map over bands of <paramref name="bandRows"/> rows, each read into one reused buffer per operand.</summary>
    private object MapBands(IComputeBackend backend, int[] index, int[] shape, int[] sourceShape, int[][] operandIndices, int bandRows)
    {
        var borrowed = new Array?[operands.Length];
        var buffers = new IDeviceBuffer[operands.Length];
        var merger = new RowBands.Merger(parts => mergeBands!(backend, parts));
        try
        {
            for (var first = 0; first < sourceShape[0]; first += bandRows)
            {
                int[] bandShape = [Math.Min(bandRows, sourceShape[0] - first), .. sourceShape.Skip(1)];
                for (var i = 0; i < operands.Length; i++)
                {
                    var read = ((BlocksNode)operands[i]).ReadInTask(operandIndices[i], bandShape, first, borrowed[i]);
                    if (!ReferenceEquals(read.Borrowed, borrowed[i]))
                    {
                        if (borrowed[i] is { } smaller)
                        {
                            ScratchBlocks.Return(smaller);
                        }
                        borrowed[i] = read.Borrowed;
                    }
                    buffers[i] = read.Block;
                }
                merger.Add(map(backend, buffers, index, shape, bandShape));
                RowBands.CountBand();
            }
            return merger.Result();
        }
        finally
        {
            foreach (var array in borrowed)
            {
                if (array is not null)
                {
                    ScratchBlocks.Return(array);
                }
            }
        }
    }
}
