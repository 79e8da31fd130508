using Tessera.Arrays.Lazy;
using Tessera.Scheduling;

namespace Tessera.Arrays.Blocks;

/// <summary>
/// A view of some of a layer's blocks (dask's <c>x.blocks[...]</c>): block i of this layer IS
/// block picks[i] of the source, passed through by a task that copies nothing, so only the
/// selected source blocks are ever computed.
/// </summary>
internal sealed class BlockSelectNode : ArrayNode
{
    private readonly ArrayNode _source;
    private readonly int[][] _picks;

    private BlockSelectNode(string name, ChunkGrid grid, ArrayNode source, int[][] picks) : base(name, grid, source.DType)
    {
        _source = source;
        _picks = picks;
    }

    public override IReadOnlyList<ArrayNode> Inputs => [_source];

    public static ArrayNode Select(ArrayNode source, int[][] picks)
    {
        var grid = new ChunkGrid([.. picks.Select((p, d) => p.Select(b => source.Grid.Chunks[d][b]).ToArray())]);
        var name = TaskKeys.Name("blocks", [source.Name, .. picks.Select(p => string.Join(",", p))]);
        return new BlockSelectNode(name, grid, source, picks);
    }

    public override void Lower(LoweringContext context)
    {
        foreach (var index in Grid.BlockIndices())
        {
            var from = index.Select((b, d) => _picks[d][b]).ToArray();
            context.Graph.Add(BlockKey(index), "blocks", blocks => blocks[0], TaskArg.Ref(_source.BlockKey(from)));
        }
    }
}
