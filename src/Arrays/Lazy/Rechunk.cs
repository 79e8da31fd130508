using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// Re-cuts a layer into new chunks. Each output block is assembled from the pieces of the
/// input blocks it overlaps, in one task that depends on exactly those blocks, so no
/// intermediate is larger than an output block (memory stays bounded by the larger of an
/// input block and an output block).
/// </summary>
internal sealed class Rechunk(string name, ChunkGrid grid, ArrayNode source) : ArrayNode(name, grid, source.DType)
{
    public ArrayNode Source { get; } = source;

    public override IReadOnlyList<ArrayNode> Inputs => [Source];

    public static ArrayNode To(ArrayNode source, ChunkGrid grid)
    {
        if (source.Grid.Equals(grid))
        {
            return source; // also when sizes are unknown: nothing to move
        }
        source.Grid.RequireKnown("Rechunking");
        if (!source.Grid.Shape.SequenceEqual(grid.Shape))
        {
            throw new ArgumentException(
                $"Cannot rechunk shape {BlockShapes.Text(source.Grid.Shape)} to chunks {grid} of shape {BlockShapes.Text(grid.Shape)}.");
        }
        return source.Grid.Equals(grid) ? source : new Rechunk(TaskKeys.Name("rechunk", source.Name, grid.ToString()), grid, source);
    }

    public override void Lower(LoweringContext context)
    {
        var backend = context.Backend;
        var rank = Grid.Rank;
        foreach (var index in Grid.BlockIndices())
        {
            var offset = Grid.BlockOffset(index);
            var shape = Grid.BlockShape(index);
            // Source blocks overlapping this block, per axis.
            var ranges = new (int First, int Last)[rank];
            for (var d = 0; d < rank; d++)
            {
                ranges[d] = Overlap(Source.Grid.Boundaries(d), offset[d], offset[d] + shape[d]);
            }
            var pieces = BlockBox.Of([.. ranges.Select(r => r.First)], [.. ranges.Select(r => r.Last - r.First + 1)]).ToArray();
            var args = pieces.Select(p => TaskArg.Ref(Source.BlockKey(p))).ToArray();
            var sourceOffsets = pieces.Select(p => Source.Grid.BlockOffset(p)).ToArray();
            var intShape = BlockShapes.ToInt(shape);
            context.Graph.Add(BlockKey(index), "rechunk", blocks =>
            {
                // Pieces are assembled where they live: device pieces on the device, host pieces on the host.
                var copier = Residency.CopierFor(backend, blocks);
                var output = copier.Allocate(DType, intShape);
                for (var p = 0; p < blocks.Length; p++)
                {
                    var block = (IDeviceBuffer)blocks[p]!;
                    var piece = Residency.ToBackend(copier, block);
                    BlockCopy.Region(copier, piece, sourceOffsets[p], output, offset);
                    Residency.Release(copier, piece, block);
                }
                return Residency.ToBackend(backend, output);
            }, args);
        }
    }

    /// <summary>First and last block on an axis that overlap [start, end); an empty range maps to block 0.</summary>
    private static (int, int) Overlap(IReadOnlyList<long> boundaries, long start, long end)
    {
        var blocks = boundaries.Count - 1;
        var first = 0;
        while (first < blocks - 1 && boundaries[first + 1] <= start)
        {
            first++;
        }
        var last = first;
        while (last < blocks - 1 && boundaries[last + 1] < end)
        {
            last++;
        }
        return (first, last);
    }
}
