using System.Numerics.Tensors;
using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>
    /// Computes without blocking the caller: the run's own worker threads do the work and the task
    /// completes when they finish. Cancellation through <paramref name="options"/> stops the run
    /// between tasks (the task is then canceled).
    /// </summary>
    public async Task<Tensor<TElement>> ComputeAsync(ComputeOptions? options = null)
    {
        var (values, grid) = await ComputeValuesAsync(options).ConfigureAwait(false);
        return Tensor.Create(values, Rank == 0 ? [1] : [.. grid.Shape.Select(d => (nint)d)]);
    }

    /// <summary>Computes without blocking the caller, stopping between tasks when <paramref name="cancellationToken"/> fires.</summary>
    public Task<Tensor<TElement>> ComputeAsync(CancellationToken cancellationToken) =>
        ComputeAsync(ComputeOptions.Default with { CancellationToken = cancellationToken });

    /// <summary>
    /// Computes every block now and returns an array holding them (same name, same chunks), so
    /// later computations built on it start from these blocks instead of recomputing them.
    /// Blocks of unknown size (after masking) are measured on the way: the result's chunks are known.
    /// With <see cref="ComputeOptions.Client"/> set the blocks stay on the cluster's workers (dask's
    /// <c>client.persist</c>): computations on that cluster read them there, and a computation
    /// anywhere else fetches them.
    /// </summary>
    public BlockedArray<TElement> Persist(ComputeOptions? options = null)
    {
        if (Chunks.HasUnknownSizes && options?.Client is not null)
        {
            throw new NotSupportedException(
                $"{Name} has blocks of unknown size (after masking), which a cluster persist cannot measure without fetching them. " +
                "Make its sizes known first with ComputeChunkSizes(), or persist it locally.");
        }
        var backend = ComputeBackends.For(options?.Device);
        var (graph, keys) = LoweringContext.Build(Node, backend);
        var blocks = GraphRunner.Persist(graph, keys, options);
        var held = new Dictionary<long, object>();
        var i = 0;
        foreach (var index in Chunks.BlockIndices())
        {
            held[Chunks.LinearIndex(index)] = blocks[i++]!;
        }
        if (!Chunks.HasUnknownSizes)
        {
            return new(new PersistedNode(Name, Chunks, DType, held));
        }
        // Blocks of unknown size are measured now that they are here: one pass, sizes known after.
        var grid = ChunkSizes.FromBlockShapes(Chunks, [.. blocks.Select(b => ((IDeviceBuffer)b!).Shape.ToArray())]);
        return new(new PersistedNode(Name, grid, DType, held));
    }
}
