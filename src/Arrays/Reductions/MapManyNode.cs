using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Reductions;

/// <summary>
/// A layer laid out like <c>sourceGrid</c> block for block, whose block i is a function of the
/// operands' blocks feeding source block i (right-aligned, broadcast axes using block 0): the
/// chunk step of reductions, where the operands are a fused expression's inputs.
/// </summary>
internal sealed class MapManyNode(string name, ChunkGrid grid, DType dtype, ArrayNode[] operands, ChunkGrid sourceGrid,
    string kind, Func<IComputeBackend, IDeviceBuffer[], int[], int[], object> map) : ArrayNode(name, grid, dtype)
{
    public override IReadOnlyList<ArrayNode> Inputs => operands;

    public override void Lower(LoweringContext context)
    {
        var backend = context.Backend;
        var operandGrids = operands.Select(o => o.Grid).ToArray();
        foreach (var index in Grid.BlockIndices())
        {
            var shape = BlockShapes.ToInt(Grid.BlockShape(index));
            var args = operands.Select(o => TaskArg.Ref(o.BlockKey(ElementwiseNode.OperandBlock(sourceGrid, o, index)))).ToArray();
            context.Graph.Add(BlockKey(index), kind, blocks =>
            {
                var buffers = new IDeviceBuffer[blocks.Length];
                for (var i = 0; i < buffers.Length; i++)
                {
                    buffers[i] = (IDeviceBuffer)blocks[i]!;
                }
                // Unknown lengths sit on kept axes, which the operands' blocks carry.
                var blockShape = UnknownBlockShapes.HasUnknown(shape)
                    ? UnknownBlockShapes.FromOperands(shape, operandGrids, buffers, kind) : shape;
                return map(backend, buffers, index, blockShape);
            }, args);
        }
    }
}
