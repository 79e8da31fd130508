using System.Numerics.Tensors;
using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>Computes on a background thread; cancellation through <paramref name="options"/>.</summary>
    public Task<Tensor<TElement>> ComputeAsync(ComputeOptions? options = null) =>
        Task.Factory.StartNew(() => Compute(options), (options ?? ComputeOptions.Default).CancellationToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Computes on a background thread, stopping promptly when <paramref name="cancellationToken"/> fires.</summary>
    public Task<Tensor<TElement>> ComputeAsync(CancellationToken cancellationToken) =>
        ComputeAsync(ComputeOptions.Default with { CancellationToken = cancellationToken });

    /// <summary>
    /// Computes every block now and returns an array holding them (same name, same chunks), so
    /// later computations built on it start from these blocks instead of recomputing them.
    /// Blocks of unknown size (after masking) are measured on the way: the result's chunks are known.
    /// </summary>
    public BlockedArray<TElement> Persist(ComputeOptions? options = null)
    {
        var backend = ComputeBackends.For(options?.Device);
        var (graph, keys) = LoweringContext.Build(Node, backend);
        var blocks = GraphRunner.Run(graph, keys, options);
        var held = new Dictionary<long, IDeviceBuffer>();
        var i = 0;
        foreach (var index in Chunks.BlockIndices())
        {
            held[Chunks.LinearIndex(index)] = (IDeviceBuffer)blocks[i++]!;
        }
        // Blocks of unknown size are measured now that they are here: one pass, sizes known after.
        var grid = Chunks.HasUnknownSizes ? ChunkSizes.FromBlockShapes(Chunks, [.. blocks.Select(b => ((IDeviceBuffer)b!).Shape.ToArray())]) : Chunks;
        return new(new PersistedNode(Name, grid, DType, held));
    }
}
