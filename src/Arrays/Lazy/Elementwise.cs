using Tessera.Kernels.Expressions;
using Tessera.Scheduling;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// Builds fused elementwise nodes. An argument that is itself an elementwise node aligned with
/// the result is spliced in (its expression inlined, its inputs adopted), so a chain of
/// operations stays one node and lowers to one task per block. Other arguments become inputs,
/// rechunked first when their chunks differ from the result's (operands with different
/// chunkings are unified automatically, as in Dask).
/// </summary>
internal static class Elementwise
{
    public static ElementwiseNode Combine(string kind, Func<Expr[], Expr> build, params ArrayNode[] args)
    {
        var grid = ChunkGrid.Broadcast([.. args.Select(a => a.Grid)]);
        var operands = new List<ArrayNode>();
        var exprs = new Expr[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is ElementwiseNode fused && IsAligned(arg, grid))
            {
                var remap = fused.Operands.Select(o => IndexOf(operands, o)).ToArray();
                exprs[i] = Remap(fused.Expression, remap);
            }
            else
            {
                var aligned = IsAligned(arg, grid) ? arg : Rechunk.To(arg, AlignedGrid(arg, grid));
                exprs[i] = Ex.Input(IndexOf(operands, aligned), aligned.DType);
            }
        }
        var expression = build(exprs);
        var name = TaskKeys.Name(kind, [expression.ToString(), grid.ToString(), .. operands.Select(o => o.Name)]);
        return new ElementwiseNode(name, grid, expression, [.. operands]);
    }

    /// <summary>True when every axis of <paramref name="node"/> has the result's chunks or broadcasts (length 1).</summary>
    private static bool IsAligned(ArrayNode node, ChunkGrid grid) => node.Grid.Equals(AlignedGrid(node, grid));

    /// <summary>The chunks <paramref name="node"/> needs to feed <paramref name="grid"/> block by block.</summary>
    private static ChunkGrid AlignedGrid(ArrayNode node, ChunkGrid grid)
    {
        var lead = grid.Rank - node.Grid.Rank;
        var chunks = new IReadOnlyList<long>[node.Grid.Rank];
        for (var d = 0; d < chunks.Length; d++)
        {
            chunks[d] = node.Grid.Shape[d] == 1 && grid.Shape[d + lead] != 1 ? [1] : grid.Chunks[d + lead];
        }
        return new ChunkGrid(chunks);
    }

    private static int IndexOf(List<ArrayNode> operands, ArrayNode node)
    {
        var i = operands.FindIndex(o => o.Name == node.Name);
        if (i < 0)
        {
            operands.Add(node);
            i = operands.Count - 1;
        }
        return i;
    }

    /// <summary>The same expression with input i renumbered to <paramref name="map"/>[i].</summary>
    private static Expr Remap(Expr e, int[] map) => e switch
    {
        InputExpr input => Ex.Input(map[input.Index], input.DType),
        ConstantExpr => e,
        UnaryExpr u => new UnaryExpr(u.Op, Remap(u.Operand, map), u.DType),
        BinaryExpr b => new BinaryExpr(b.Op, Remap(b.Left, map), Remap(b.Right, map), b.DType),
        WhereExpr w => new WhereExpr(Remap(w.Condition, map), Remap(w.WhenTrue, map), Remap(w.WhenFalse, map)),
        CastExpr c => new CastExpr(Remap(c.Operand, map), c.DType),
        _ => throw new NotSupportedException($"Unknown expression node {e.GetType().Name}."),
    };
}
