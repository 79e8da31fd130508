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
        foreach (var index in Grid.BlockIndices())
        {
            var shape = BlockShapes.ToInt(Grid.BlockShape(index));
            var args = new Scheduling.TaskArg[Operands.Count];
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = Scheduling.TaskArg.Ref(Operands[i].BlockKey(OperandBlock(Grid, Operands[i], index)));
            }
            var placed = context.Placement?.ViewFor(this, index);
            context.Graph.Add(BlockKey(index), kind, blocks =>
            {
                var inputs = new IDeviceBuffer[blocks.Length];
                for (var i = 0; i < inputs.Length; i++)
                {
                    inputs[i] = (IDeviceBuffer)blocks[i]!;
                }
                var blockShape = UnknownBlockShapes.HasUnknown(shape)
                    ? UnknownBlockShapes.FromOperands(shape, operandGrids, inputs, kind) : shape;
                var output = placed ?? backend.Allocate(dtype, blockShape);
                backend.Elementwise(expression, inputs, output);
                return output;
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
