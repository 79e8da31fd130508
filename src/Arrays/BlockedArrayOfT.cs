using System.Numerics.Tensors;
using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Scheduling;

namespace Tessera.Arrays;

/// <summary>
/// A lazy n-dimensional array cut into blocks, as dask.array: operations build a graph, and
/// <see cref="Compute"/> runs it on the scheduler, each block's work on one device.
/// Elementwise chains fuse into one kernel per block. Create with <see cref="BlockedArray"/>.
/// </summary>
/// <typeparam name="TElement">Element type: float, double, int, long or bool.</typeparam>
public sealed partial class BlockedArray<TElement> where TElement : unmanaged
{
    internal BlockedArray(ArrayNode node)
    {
        if (node.DType != DTypes.Of<TElement>())
        {
            throw new InvalidOperationException(
                $"The operation gives {node.DType} elements, not {typeof(TElement).Name}. Use Astype to convert explicitly.");
        }
        Node = node;
    }

    internal ArrayNode Node { get; }

    /// <summary>The block sizes per axis (dask's <c>.chunks</c>); the shape derives from it.</summary>
    public ChunkGrid Chunks => Node.Grid;

    /// <summary>The array's shape.</summary>
    public IReadOnlyList<long> Shape => Node.Grid.Shape;

    /// <summary>Number of axes.</summary>
    public int Rank => Node.Grid.Rank;

    /// <summary>The element type.</summary>
    public DType DType => Node.DType;

    /// <summary>The deterministic name of this array's layer: equal expressions have equal names.</summary>
    public string Name => Node.Name;

    /// <summary>
    /// The task graph computing every block (on <paramref name="device"/>, the default device when
    /// null): the tasks a compute runs, so layers read inside their consumers' tasks (file blocks of
    /// a reduction) leave no read tasks behind.
    /// </summary>
    public TaskGraph ToGraph(Device? device = null)
    {
        var (graph, keys) = LoweringContext.Build(Node, ComputeBackends.For(device));
        return GraphOptimizer.Cull(graph, keys);
    }

    /// <summary>
    /// Computes the array and returns it as one tensor in host memory. A 0-dimensional array
    /// (a reduction over every axis) comes back with shape [1]: <c>Tensor&lt;T&gt;</c> has no rank 0.
    /// </summary>
    public Tensor<TElement> Compute(ComputeOptions? options = null)
    {
        var values = ComputeValues(options, out var grid);
        return Tensor.Create(values, Rank == 0 ? [1] : [.. grid.Shape.Select(d => (nint)d)]);
    }

    /// <summary>Computes every block and assembles them, row-major, in one host array.</summary>
    internal TElement[] ComputeValues(ComputeOptions? options) => ComputeValues(options, out _);

    /// <summary>As <see cref="ComputeValues(ComputeOptions?)"/>; <paramref name="grid"/> has the sizes the blocks came back with (unknown ones measured).</summary>
    internal TElement[] ComputeValues(ComputeOptions? options, out ChunkGrid grid)
    {
        var plan = PlanCompute(options);
        return plan.Assemble(GraphRunner.Run(plan.Graph, plan.Keys, options), out grid);
    }

    /// <summary>As <see cref="ComputeValues(ComputeOptions?, out ChunkGrid)"/>, awaiting the run instead of blocking on it.</summary>
    internal async Task<(TElement[] Values, ChunkGrid Grid)> ComputeValuesAsync(ComputeOptions? options)
    {
        var plan = PlanCompute(options);
        var blocks = await GraphRunner.RunAsync(plan.Graph, plan.Keys, options).ConfigureAwait(false);
        var values = plan.Assemble(blocks, out var grid);
        return (values, grid);
    }

    // The graph of a computation and how its blocks become one host array: into a result array
    // whose final kernels write in place when the sizes are known, else measured once computed.
    private ComputePlan PlanCompute(ComputeOptions? options)
    {
        var backend = ComputeBackends.For(options?.Device);
        if (Chunks.HasUnknownSizes)
        {
            var (unknownGraph, unknownKeys) = LoweringContext.Build(Node, backend);
            return new ComputePlan(this, unknownGraph, unknownKeys, null);
        }
        var values = ResultArray(Chunks);
        var placement = backend.Device.Kind == DeviceKind.Cpu ? ResultPlacement.Into(Node, values) : null;
        var (graph, keys) = LoweringContext.Build(Node, backend, placement);
        return new ComputePlan(this, graph, keys, values);
    }

    private sealed record ComputePlan(BlockedArray<TElement> Array, TaskGraph Graph, IReadOnlyList<string> Keys, TElement[]? Values)
    {
        public TElement[] Assemble(object?[] blocks, out ChunkGrid grid)
        {
            if (Values is null)
            {
                // The result's size is known only once the blocks are: measure, then assemble.
                grid = ChunkSizes.FromBlockShapes(Array.Chunks, [.. blocks.Select(b => ((IDeviceBuffer)b!).Shape.ToArray())]);
                var measured = Array.ResultArray(grid);
                Array.Assemble(grid, blocks, measured);
                return measured;
            }
            grid = Array.Chunks;
            Array.Assemble(grid, blocks, Values);
            return Values;
        }
    }

    /// <summary>
    /// The host array for a result of <paramref name="grid"/>. Every element is written (by the
    /// final kernels in place, or by the block copies), so it need not be zeroed first.
    /// </summary>
    private TElement[] ResultArray(ChunkGrid grid)
    {
        if (grid.ElementCount > Array.MaxLength)
        {
            throw new InvalidOperationException(
                $"{Name} holds {grid.ElementCount} elements, more than one tensor can hold ({Array.MaxLength}). " +
                "Compute a reduction or a slice of it, or stream it out with ToHdf5.");
        }
        return HostArrays.Allocate<TElement>(grid.ElementCount, zeroed: false);
    }

    /// <summary>Copies the computed blocks into <paramref name="values"/>, except those already written there in place.</summary>
    private void Assemble(ChunkGrid grid, object?[] blocks, TElement[] values)
    {
        var whole = CpuBuffer.Wrap(values, BlockShapes.ToInt(grid.Shape));
        var i = 0;
        foreach (var index in grid.BlockIndices())
        {
            var block = (IDeviceBuffer)blocks[i++]!;
            CheckBlock(grid, block, index);
            if (!ResultPlacement.IsView(block, values))
            {
                BlockCopy.Region(Residency.ToHost(block), grid.BlockOffset(index), whole, new long[Rank]);
            }
        }
    }

    /// <summary>Every computed block must have the shape its grid declares: a mismatch is a bug, never silently wrong data.</summary>
    private void CheckBlock(ChunkGrid grid, IDeviceBuffer block, int[] index)
    {
        var expected = grid.BlockShape(index);
        if (!block.Shape.Select(s => (long)s).SequenceEqual(expected) || block.DType != DType)
        {
            throw new InvalidOperationException(
                $"Block [{string.Join(", ", index)}] of '{Name}' came back as {block.DType}[{string.Join(", ", block.Shape)}]; " +
                $"its grid declares {DType}{BlockShapes.Text(expected)}.");
        }
    }

    /// <summary>
    /// Shape, dtype, chunks, blocks, graph layers and bytes, as dask's repr ("N chunks in L graph
    /// layers"; unknown sizes print as nan, as dask's do). It reads only the lazy nodes: printing an
    /// array of millions of blocks builds no task graph. <see cref="ToGraph"/> counts the tasks.
    /// </summary>
    public override string ToString()
    {
        var bytes = Chunks.HasUnknownSizes ? "nan" : Bytes(Chunks.ElementCount * DType.Size());
        return $"BlockedArray<{typeof(TElement).Name}>(shape={BlockShapes.Text(Shape)}, dtype={DType.NumPyName()}, {ChunksText()}, " +
               $"blocks={Chunks.BlockCount}, layers={Layers(Node)}, bytes={bytes})";
    }

    // Every block size while they are few; past that dask's chunksize (the largest block per axis).
    private string ChunksText()
    {
        if (Chunks.Chunks.Sum(axis => axis.Count) <= 64)
        {
            return $"chunks={Chunks}";
        }
        var largest = Chunks.Chunks.Select(axis => axis.Count == 0 ? 0 : axis.Max()).ToArray();
        return $"chunksize={BlockShapes.Text(largest)}";
    }

    // Distinct lazy nodes behind the array: what dask calls graph layers.
    private static int Layers(ArrayNode root)
    {
        var seen = new HashSet<ArrayNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<ArrayNode>([root]);
        while (stack.TryPop(out var node))
        {
            if (seen.Add(node))
            {
                foreach (var input in node.Inputs)
                {
                    stack.Push(input);
                }
            }
        }
        return seen.Count;
    }

    private static string Bytes(long bytes) => bytes switch
    {
        < 1L << 10 => $"{bytes} B",
        < 1L << 20 => $"{bytes / 1024.0:0.0} KiB",
        < 1L << 30 => $"{bytes / (1024.0 * 1024):0.0} MiB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB",
    };
}
