using Tessera.Arrays.Lazy;
using Tessera.Scheduling;

namespace Tessera.Arrays.Structure;

/// <summary>Builds the gather layers of indexing, slicing, taking, flipping and broadcasting.</summary>
internal static class Selections
{
    /// <summary>NumPy's basic indexing: one item per leading axis, the remaining axes whole.</summary>
    public static ArrayNode Index(ArrayNode source, AxisIndex[] indices)
    {
        source.Grid.RequireKnown("Indexing");
        var shape = source.Grid.Shape;
        if (indices.Length > shape.Count)
        {
            throw new IndexOutOfRangeException(
                $"too many indices for array: array is {shape.Count}-dimensional, but {indices.Length} were indexed.");
        }
        var selections = shape.Select((length, d) =>
            AxisSelection.Resolve(d < indices.Length ? indices[d] : AxisIndex.All, length, d)).ToArray();
        if (selections.Select((s, d) => !s.Drop && s.Start == 0 && s.Step == 1 && s.Count == shape[d]).All(whole => whole))
        {
            return source;
        }
        var name = TaskKeys.Name("getitem", source.Name, selections.Select(s => s.Start).ToArray(),
            selections.Select(s => s.Step).ToArray(), selections.Select(s => s.Count).ToArray(),
            selections.Select(s => s.Drop).ToArray());
        var axes = selections.Select((s, d) => AxisGather.Stepped(source.Grid.Boundaries(d), s.Start, s.Step, s.Count)).ToArray();
        return new GatherNode(name, "getitem", source, 0, axes, [.. selections.Select(s => !s.Drop)]);
    }

    /// <summary>NumPy's <c>take</c> along one axis; negative indices count from the end.</summary>
    public static ArrayNode Take(ArrayNode source, long[] indices, int axis)
    {
        var grid = source.Grid.RequireKnown("Take");
        axis = Axes.Normalize(axis, grid.Rank);
        var length = grid.Shape[axis];
        var positions = indices.Select(i => AxisSelection.Position(i, length, axis)).ToArray();
        var maxBlock = Math.Max(1, grid.Chunks[axis].Max());
        var axes = Whole(grid);
        axes[axis] = AxisGather.Taken(grid.Boundaries(axis), positions, maxBlock);
        return new GatherNode(TaskKeys.Name("take", source.Name, Fingerprint(positions), positions.Length, axis), "take", source, 0, axes, [.. axes.Select(_ => true)]);
    }

    /// <summary>The order of elements along <paramref name="axis"/> reversed; block b of the result reads block n − 1 − b.</summary>
    public static ArrayNode Flip(ArrayNode source, int axis)
    {
        var grid = source.Grid.RequireKnown("Flip");
        axis = Axes.Normalize(axis, grid.Rank);
        var axes = Whole(grid);
        axes[axis] = AxisGather.Stepped(grid.Boundaries(axis), grid.Shape[axis] - 1, -1, grid.Shape[axis]);
        return new GatherNode(TaskKeys.Name("flip", source.Name, axis), "flip", source, 0, axes, [.. axes.Select(_ => true)]);
    }

    /// <summary>
    /// NumPy's <c>broadcast_to</c>: axes align on the right; a length-1 axis repeats its one
    /// position, and new leading axes repeat the whole array. Stretched and new axes are one
    /// block each, as in dask; the other axes keep their chunks.
    /// </summary>
    public static ArrayNode BroadcastTo(ArrayNode source, long[] shape)
    {
        var from = source.Grid.RequireKnown("BroadcastTo").Shape;
        var newAxes = shape.Length - from.Count;
        if (newAxes < 0)
        {
            throw new ArgumentException(
                $"cannot broadcast shape {BlockShapes.Text(from)} to {BlockShapes.Text(shape)}: the target has fewer axes. " +
                "Broadcasting only adds axes on the left.", nameof(shape));
        }
        var axes = new AxisGather[shape.Length];
        for (var d = 0; d < shape.Length; d++)
        {
            if (shape[d] < 0)
            {
                throw new ArgumentException($"negative dimensions are not allowed: {BlockShapes.Requested(shape)}.", nameof(shape));
            }
            var sourceAxis = d - newAxes;
            if (sourceAxis < 0)
            {
                axes[d] = AxisGather.Repeated(shape[d], 0);
            }
            else if (from[sourceAxis] == 1 && shape[d] != 1)
            {
                axes[d] = AxisGather.Repeated(shape[d], AxisGather.BlockOf(source.Grid.Boundaries(sourceAxis), 0));
            }
            else if (from[sourceAxis] == shape[d])
            {
                axes[d] = AxisGather.Stepped(source.Grid.Boundaries(sourceAxis), 0, 1, shape[d]);
            }
            else
            {
                throw new ArgumentException(
                    $"cannot broadcast shape {BlockShapes.Text(from)} to {BlockShapes.Text(shape)}: axis {sourceAxis} has length " +
                    $"{from[sourceAxis]}, which must be {shape[d]} or 1.", nameof(shape));
            }
        }
        return newAxes == 0 && from.SequenceEqual(shape)
            ? source
            : new GatherNode(TaskKeys.Name("broadcast-to", source.Name, shape), "broadcast-to", source, newAxes, axes, [.. axes.Select(_ => true)]);
    }

    /// <summary>
    /// A content hash of the indices: the name must not depend on the array's identity (the
    /// key hasher falls back to identity above 100,000 elements), or equal takes would not share work.
    /// </summary>
    private static string Fingerprint(long[] positions)
    {
        var hash = 14695981039346656037UL;
        foreach (var p in positions)
        {
            hash = (hash ^ (ulong)p) * 1099511628211UL;
        }
        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static AxisGather[] Whole(ChunkGrid grid) =>
        [.. grid.Shape.Select((length, d) => AxisGather.Stepped(grid.Boundaries(d), 0, 1, length))];
}
