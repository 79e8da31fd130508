using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// A fused elementwise layer: one expression over several input layers, evaluated as ONE
/// kernel call per output block. Chains of elementwise operations collapse into a single node
/// when they are built (<see cref="Elementwise"/>), so <c>sin(x)**2 + cos(y)**2 * 3 - x*y</c>
/// is one task per block and no intermediate array exists.
/// Inputs are aligned to the output grid: equal chunks on every axis, or a length-1 axis that
/// broadcasts into every block.
/// </summary>
internal sealed class ElementwiseNode(string name, ChunkGrid grid, Expr expression, ArrayNode[] operands)
    : ArrayNode(name, grid, expression.DType)
{
    public Expr Expression { get; } = expression;

    public IReadOnlyList<ArrayNode> Operands { get; } = operands;

    public override IReadOnlyList<ArrayNode> Inputs => Operands;

    public override void Lower(LoweringContext context)
    {
        var backend = context.Backend;
        var expression = Expression;
        var dtype = DType;
        var kind = Name[..Name.LastIndexOf('-')];
        var operandGrids = Operands.Select(o => o.Grid).ToArray();
        // Arrays in memory are read in this layer's task as views (strided ones for inner-axis
        // chunks): the kernel gathers them a tile at a time into the new block, where a task of
        // their own would first copy the whole region into a block-sized temporary. File datasets
        // are read in this task too, into a borrowed scratch block returned once the kernel ran:
        // a task of their own would allocate a block that lives until every consumer has run
        // (x - x.Mean(0) would hold the whole input while the mean completes).
        var inTask = Operands.Select(o => backend.Device == Device.Cpu && o is BlocksNode { ReadsInTask: true }).ToArray();
        foreach (var index in Grid.BlockIndices())
        {
            var shape = BlockShapes.ToInt(Grid.BlockShape(index));
            var operandIndices = Operands.Select(o => OperandBlock(Grid, o, index)).ToArray();
            var readShapes = Operands.Select((o, i) => inTask[i] ? BlockShapes.ToInt(o.Grid.BlockShape(operandIndices[i])) : null).ToArray();
            var args = Operands.Select((o, i) => (Operand: o, Index: operandIndices[i]))
                .Where((_, i) => !inTask[i])
                .Select(x => Scheduling.TaskArg.Ref(x.Operand.BlockKey(x.Index)))
                .ToArray();
            var placed = context.Placement?.ViewFor(this, index);
            context.Graph.Add(BlockKey(index), kind, blocks =>
            {
                var inputs = new IDeviceBuffer[Operands.Count];
                List<Array>? borrowed = null;
                try
                {
                    for (int i = 0, next = 0; i < inputs.Length; i++)
                    {
                        if (readShapes[i] is { } readShape)
                        {
                            var (block, scratch) = ((BlocksNode)Operands[i]).ReadInTask(operandIndices[i], readShape);
                            inputs[i] = block; // a view of memory (nothing borrowed) or a file read into scratch
                            if (scratch is not null)
                            {
                                (borrowed ??= []).Add(scratch);
                            }
                        }
                        else
                        {
                            inputs[i] = (IDeviceBuffer)blocks[next++]!;
                        }
                    }
                    var blockShape = UnknownBlockShapes.HasUnknown(shape)
                        ? UnknownBlockShapes.FromOperands(shape, operandGrids, inputs, kind) : shape;
                    var output = placed ?? backend.Allocate(dtype, blockShape);
                    backend.Elementwise(expression, inputs, output);
                    return output;
                }
                finally
                {
                    foreach (var scratch in borrowed ?? [])
                    {
                        ScratchBlocks.Return(scratch);
                    }
                }
            }, args);
        }
    }

    /// <summary>
    /// The operand's block feeding block <paramref name="index"/> of <paramref name="grid"/>:
    /// axes align on the right, and a broadcast (length-1) axis always uses its one block.
    /// </summary>
    public static int[] OperandBlock(ChunkGrid grid, ArrayNode operand, int[] index)
    {
        var lead = grid.Rank - operand.Grid.Rank;
        var block = new int[operand.Grid.Rank];
        for (var d = 0; d < block.Length; d++)
        {
            block[d] = operand.Grid.Shape[d] == 1 && grid.Shape[d + lead] != 1 ? 0 : index[d + lead];
        }
        return block;
    }
}
