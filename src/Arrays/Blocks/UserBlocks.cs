using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Tessera.Arrays.Lazy;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Scheduling;

namespace Tessera.Arrays.Blocks;

/// <summary>
/// Layers whose blocks come from a user function of aligned input blocks (dask's map_blocks):
/// inputs are unified to one grid first (rechunked, length-1 axes broadcast), output block i is
/// the function of the inputs' blocks i, and its shape is checked against the declared chunks.
/// </summary>
internal static class UserBlocks
{
    public static ArrayNode Map<TOut>(string kind, ArrayNode[] inputs, ChunkGrid? chunks, Delegate function, string? name,
        Func<IDeviceBuffer[], BlockInfo, Tensor<TOut>> call) where TOut : unmanaged
    {
        ArgumentNullException.ThrowIfNull(function);
        var grid = ChunkGrid.Broadcast([.. inputs.Select(i => i.Grid)]);
        var aligned = inputs.Select(i => Align(i, grid)).ToArray();
        var output = chunks ?? grid;
        if (output.Rank != grid.Rank || !output.BlockCounts.SequenceEqual(grid.BlockCounts))
        {
            throw new ArgumentException(
                $"The declared chunks {output} have {output.Rank} axes and ({string.Join(", ", output.BlockCounts)}) blocks per axis; " +
                $"the inputs' unified chunks {grid} have {grid.Rank} axes and ({string.Join(", ", grid.BlockCounts)}). " +
                "MapBlocks makes output block i from input block i: declare one block size per input block, e.g. chunks: " +
                $"new ChunkGrid([{string.Join(", ", grid.Chunks.Select(c => "[" + string.Join(", ", c) + "]"))}]).",
                nameof(chunks));
        }
        var identity = name ?? (object)RuntimeHelpers.GetHashCode(function);
        var layer = TaskKeys.Name(kind, [identity, output.ToString(), typeof(TOut).Name, .. aligned.Select(a => a.Name)]);
        return new MapManyNode(layer, output, DTypes.Of<TOut>(), aligned, grid, kind, (backend, blocks, index, shape, _) =>
        {
            var info = new BlockInfo([.. aligned.Select(a => BlockLocation.Of(a.Grid, ElementwiseNode.OperandBlock(grid, a, index)))],
                BlockLocation.Of(output, index));
            var result = call(blocks, info) ?? throw new InvalidOperationException(
                $"The {kind} function returned null for block [{string.Join(", ", index)}]; return a tensor of shape ({string.Join(", ", shape)}).");
            var lengths = result.Lengths.ToArray();
            if (!lengths.Select(l => (int)l).SequenceEqual(shape) && !(shape.Length == 0 && result.FlattenedLength == 1))
            {
                throw new InvalidOperationException(
                    $"The {kind} function returned a tensor of shape ({string.Join(", ", lengths)}) for block " +
                    $"[{string.Join(", ", index)}]; the declared chunks give that block shape ({string.Join(", ", shape)}). " +
                    "Return blocks of the declared shape, or declare the chunks the function returns with chunks: ...");
            }
            var values = new TOut[result.FlattenedLength];
            result.FlattenTo(values);
            return BlockedArray.OnDevice(backend, CpuBuffer.Wrap(values, shape));
        });
    }

    /// <summary>A host tensor copy of a block: the function may keep or change it without touching the graph's block.</summary>
    public static Tensor<T> ToTensor<T>(IDeviceBuffer block) where T : unmanaged
    {
        var host = HostBlock.Of<T>(block);
        return Tensor.Create(host.Span.ToArray(), host.Shape.Count == 0 ? [1] : [.. host.Shape.Select(s => (nint)s)]);
    }

    /// <summary><paramref name="node"/> rechunked to feed <paramref name="grid"/> block by block (length-1 axes broadcast).</summary>
    private static ArrayNode Align(ArrayNode node, ChunkGrid grid)
    {
        var lead = grid.Rank - node.Grid.Rank;
        var chunks = new IReadOnlyList<long>[node.Grid.Rank];
        for (var d = 0; d < chunks.Length; d++)
        {
            chunks[d] = node.Grid.Shape[d] == 1 && grid.Shape[d + lead] != 1 ? [1] : grid.Chunks[d + lead];
        }
        return Rechunk.To(node, new ChunkGrid(chunks));
    }
}
