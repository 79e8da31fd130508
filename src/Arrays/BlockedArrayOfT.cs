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
        var backend = ComputeBackends.For(options?.Device);
        if (Chunks.HasUnknownSizes)
        {
            // The result's size is known only once the blocks are: compute them, measure, then assemble.
            var (unknownGraph, unknownKeys) = LoweringContext.Build(Node, backend);
            var computed = GraphRunner.Run(unknownGraph, unknownKeys, options);
            grid = ChunkSizes.FromBlockShapes(Chunks, [.. computed.Select(b => ((IDeviceBuffer)b!).Shape.ToArray())]);
            var measured = ResultArray(grid);
            Assemble(grid, computed, measured);
            return measured;
        }
        grid = Chunks;
        var values = ResultArray(grid);
        var placement = backend.Device.Kind == DeviceKind.Cpu ? ResultPlacement.Into(Node, values) : null;
        var (graph, keys) = LoweringContext.Build(Node, backend, placement);
        Assemble(grid, GraphRunner.Run(graph, keys, options), values);
        return values;
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

    /// <summary>Shape, dtype, chunks, task count and bytes, as dask's repr (unknown sizes print as nan, as dask's do).</summary>
    public override string ToString()
    {
        var bytes = Chunks.HasUnknownSizes ? "nan" : Bytes(Chunks.ElementCount * DType.Size());
        return $"BlockedArray<{typeof(TElement).Name}>(shape={BlockShapes.Text(Shape)}, dtype={DType}, chunks={Chunks}, " +
               $"blocks={Chunks.BlockCount}, tasks={ToGraph(Device.Cpu).Count}, bytes={bytes})";
    }

    private static string Bytes(long bytes) => bytes switch
    {
        < 1L << 10 => $"{bytes} B",
        < 1L << 20 => $"{bytes / 1024.0:0.0} KiB",
        < 1L << 30 => $"{bytes / (1024.0 * 1024):0.0} MiB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB",
    };
}
