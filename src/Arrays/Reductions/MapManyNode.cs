using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Reductions;

/// <summary>
/// A layer laid out like <c>sourceGrid</c> block for block, whose block i is a function of the
/// operands' blocks feeding source block i (right-aligned, broadcast axes using block 0): the
/// chunk step of reductions, where the operands are a fused expression's inputs.
/// </summary>
/// <remarks>
/// With <c>consumesBlocks</c> (the map reads its blocks and returns something new, never a view
/// of them), operands that are file sources are read inside this layer's task on the CPU, into
/// reused scratch memory, rather than being tasks of their own: a reduction of a dataset then
/// allocates nothing per block, and a block read is never held between tasks.
/// </remarks>
internal sealed class MapManyNode(string name, ChunkGrid grid, DType dtype, ArrayNode[] operands, ChunkGrid sourceGrid,
    string kind, Func<IComputeBackend, IDeviceBuffer[], int[], int[], object> map, bool consumesBlocks = false)
    : ArrayNode(name, grid, dtype)
{
    public override IReadOnlyList<ArrayNode> Inputs => operands;

    public override void Lower(LoweringContext context)
    {
        var backend = context.Backend;
        var operandGrids = operands.Select(o => o.Grid).ToArray();
        var inTask = operands.Select(o => consumesBlocks && backend.Device == Device.Cpu && o is BlocksNode { ReadsInTask: true }).ToArray();
        foreach (var index in Grid.BlockIndices())
        {
            var shape = BlockShapes.ToInt(Grid.BlockShape(index));
            var operandIndices = operands.Select(o => ElementwiseNode.OperandBlock(sourceGrid, o, index)).ToArray();
            var args = operands.Select((o, i) => (Operand: o, Index: operandIndices[i]))
                .Where((_, i) => !inTask[i])
                .Select(x => TaskArg.Ref(x.Operand.BlockKey(x.Index)))
                .ToArray();
            // Shapes of the blocks this task reads itself (null where it receives the block).
            var readShapes = operands.Select((o, i) => inTask[i] ? BlockShapes.ToInt(o.Grid.BlockShape(operandIndices[i])) : null).ToArray();
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
                            (borrowed ??= []).Add(read.Borrowed);
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
                    return map(backend, buffers, index, blockShape);
                }
                finally
                {
                    borrowed?.ForEach(ScratchBlocks.Return);
                }
            }, args);
        }
    }
}
