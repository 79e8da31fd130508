using Tessera.Arrays.Lazy;
using Tessera.Scheduling;

namespace Tessera.Arrays.Structure;

/// <summary>
/// Arrays joined along an axis. Every block of the result is a block of one input, reused
/// as-is (the task returns it unchanged), so joining copies nothing. Inputs are first cut
/// alike on the other axes (the common refinement of their chunks).
/// </summary>
internal sealed class ConcatenateNode : ArrayNode
{
    private readonly ArrayNode[] _inputs;
    private readonly int _axis;
    private readonly (int Input, int Block)[] _origins;

    private ConcatenateNode(string name, ChunkGrid grid, ArrayNode[] inputs, int axis, (int, int)[] origins)
        : base(name, grid, inputs[0].DType)
    {
        _inputs = inputs;
        _axis = axis;
        _origins = origins;
    }

    public override IReadOnlyList<ArrayNode> Inputs => _inputs;

    public static ArrayNode Of(ArrayNode[] arrays, int axis)
    {
        if (arrays.Length == 0)
        {
            throw new ArgumentException("need at least one array to concatenate.", nameof(arrays));
        }
        foreach (var array in arrays)
        {
            array.Grid.RequireKnown("Concatenate");
        }
        var rank = arrays[0].Grid.Rank;
        if (rank == 0)
        {
            throw new ArgumentException("zero-dimensional arrays cannot be concatenated; use Stack.", nameof(arrays));
        }
        axis = Axes.Normalize(axis, rank);
        var first = arrays[0].Grid.Shape;
        for (var k = 1; k < arrays.Length; k++)
        {
            var shape = arrays[k].Grid.Shape;
            if (shape.Count != rank)
            {
                throw new ArgumentException(
                    $"all the input arrays must have same number of dimensions, but the array at index 0 has {rank} dimension(s) " +
                    $"and the array at index {k} has {shape.Count} dimension(s).", nameof(arrays));
            }
            for (var d = 0; d < rank; d++)
            {
                if (d != axis && shape[d] != first[d])
                {
                    throw new ArgumentException(
                        "all the input array dimensions except for the concatenation axis must match exactly, but along dimension " +
                        $"{d}, the array at index 0 has size {first[d]} and the array at index {k} has size {shape[d]}.", nameof(arrays));
                }
            }
        }
        if (arrays.Length == 1)
        {
            return arrays[0];
        }
        // Arrays empty along the axis contribute no blocks (unless all are empty).
        var used = arrays.Where(a => a.Grid.Shape[axis] > 0).ToArray();
        if (used.Length == 0)
        {
            used = [arrays[0]];
        }
        var common = used.Select(a => WithAxis(a.Grid, axis, [1])).Aggregate(ChunkGrid.Unify);
        var inputs = used.Select(a => Rechunk.To(a, WithAxis(common, axis, [.. a.Grid.Chunks[axis]]))).ToArray();
        var origins = inputs.SelectMany((a, k) => Enumerable.Range(0, a.Grid.BlockCounts[axis]).Select(b => (k, b))).ToArray();
        var grid = WithAxis(common, axis, [.. inputs.SelectMany(a => a.Grid.Chunks[axis])]);
        var name = TaskKeys.Name("concatenate", inputs.Select(a => a.Name).ToArray(), axis);
        return new ConcatenateNode(name, grid, inputs, axis, origins);
    }

    public override void Lower(LoweringContext context)
    {
        foreach (var index in Grid.BlockIndices())
        {
            var (input, block) = _origins[index[_axis]];
            var sourceIndex = (int[])index.Clone();
            sourceIndex[_axis] = block;
            context.Graph.Add(BlockKey(index), "concatenate", blocks => blocks[0],
                TaskArg.Ref(_inputs[input].BlockKey(sourceIndex)));
        }
    }

    private static ChunkGrid WithAxis(ChunkGrid grid, int axis, long[] chunks) =>
        new([.. grid.Chunks.Select((c, d) => d == axis ? chunks : c)]);
}
