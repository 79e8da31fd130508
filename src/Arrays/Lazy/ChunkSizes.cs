using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// Measures blocks of unknown size. As dask's compute_chunk_sizes, it computes the array once
/// and keeps only each block's shape: a small task per block reads the block and returns its
/// shape, so the scheduler frees the block at once and memory stays bounded by the blocks in
/// flight, not the whole array. Later work recomputes the blocks (Persist keeps them instead).
/// </summary>
internal static class ChunkSizes
{
    public static ChunkGrid Measure(ArrayNode node, ComputeOptions? options)
    {
        if (!node.Grid.HasUnknownSizes)
        {
            return node.Grid;
        }
        var context = new LoweringContext(ComputeBackends.For(options?.Device));
        context.Lower(node);
        var layer = TaskKeys.Name("block-shape", node.Name);
        var keys = new List<string>();
        foreach (var index in node.Grid.BlockIndices())
        {
            var key = TaskKeys.Block(layer, index);
            context.Graph.Add(key, "block-shape", args => new BlockShape([.. ((IDeviceBuffer)args[0]!).Shape]),
                TaskArg.Ref(node.BlockKey(index)));
            keys.Add(key);
        }
        var shapes = GraphRunner.Run(context.Graph, keys, options);
        return FromBlockShapes(node.Grid, [.. shapes.Select(s => ((BlockShape)s!).Lengths)]);
    }

    /// <summary>
    /// <paramref name="grid"/> with its unknown sizes read from the computed blocks' shapes (row-major
    /// block order). Every block in a row of blocks must agree, as they do when one mask made them.
    /// </summary>
    public static ChunkGrid FromBlockShapes(ChunkGrid grid, IReadOnlyList<int[]> shapes)
    {
        var chunks = grid.Chunks.Select(c => c.ToArray()).ToArray();
        var b = 0;
        foreach (var index in grid.BlockIndices())
        {
            var shape = shapes[b++];
            foreach (var axis in grid.UnknownAxes)
            {
                var size = chunks[axis][index[axis]];
                if (size != ChunkGrid.UnknownSize && size != shape[axis])
                {
                    throw new InvalidOperationException(
                        $"Blocks of one row disagree on axis {axis}: block [{string.Join(", ", index)}] has {shape[axis]} elements there, " +
                        $"another block of its row {size}. A grid cannot describe that; mask along one axis with a 1-D mask.");
                }
                chunks[axis][index[axis]] = shape[axis];
            }
        }
        return new ChunkGrid(chunks);
    }

    /// <summary>A computed block's shape; the only thing kept of the block.</summary>
    private sealed class BlockShape(int[] lengths) : IHasByteSize
    {
        public int[] Lengths { get; } = lengths;

        public long ByteSize => Lengths.Length * sizeof(int);
    }
}
