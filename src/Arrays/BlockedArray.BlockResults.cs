using Tessera.Arrays.Lazy;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays;

/// <summary>One block as its task returned it: where it sits, the shape and element type it came back with, its values.</summary>
/// <param name="Index">The block's index in the grid.</param>
/// <param name="Shape">The shape the task returned (the grid may declare another: that is what tests look for).</param>
/// <param name="DType">The element type the task returned.</param>
/// <param name="Values">Row-major values in host memory; null when the element type is not the array's.</param>
internal sealed record ComputedBlock<T>(int[] Index, int[] Shape, DType DType, T[]? Values);

public sealed partial class BlockedArray<TElement>
{
    /// <summary>
    /// Runs the graph and returns every block unchecked and unassembled, so a test (dask's
    /// assert_eq) can compare each block with the shape its grid declares.
    /// </summary>
    internal IReadOnlyList<ComputedBlock<TElement>> ComputeBlocks(ComputeOptions? options)
    {
        var (graph, keys) = LoweringContext.Build(Node, ComputeBackends.For(options?.Device));
        var results = GraphRunner.Run(graph, keys, options);
        var blocks = new List<ComputedBlock<TElement>>(results.Length);
        var i = 0;
        foreach (var index in Chunks.BlockIndices())
        {
            var block = (IDeviceBuffer)results[i++]!;
            var values = block.DType == DType ? HostBlock.Of<TElement>(block).Span.ToArray() : null;
            blocks.Add(new(index, [.. block.Shape], block.DType, values));
        }
        return blocks;
    }
}
