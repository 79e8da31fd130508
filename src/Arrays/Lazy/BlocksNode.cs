using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Scheduling;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// A layer whose blocks are made by a function of (block index, block shape): data sources
/// such as arrays in memory, constants, ranges, random numbers and user functions.
/// </summary>
internal sealed class BlocksNode(string name, ChunkGrid grid, DType dtype, string kind,
    Func<IComputeBackend, int[], int[], IDeviceBuffer> makeBlock, BlocksNode.ScratchReader? readIntoScratch = null)
    : ArrayNode(name, grid, dtype)
{
    /// <summary>Reads block (index, shape) into an array borrowed from <see cref="ScratchBlocks"/>, which the caller returns.</summary>
    public delegate (CpuBuffer Block, Array Borrowed) ScratchReader(int[] index, int[] shape);

    public override IReadOnlyList<ArrayNode> Inputs => [];

    /// <summary>
    /// Whether a consumer that uses a block only inside its own task may read it there, into
    /// reused memory, instead of depending on this layer's task (sources that are cheap to read
    /// again and costly to allocate: file datasets).
    /// </summary>
    public bool ReadsInTask => readIntoScratch is not null;

    /// <summary>
    /// The block read into an array borrowed from <see cref="ScratchBlocks"/>: the caller returns
    /// <c>Borrowed</c> when done and must not let the block leave its task.
    /// </summary>
    public (CpuBuffer Block, Array Borrowed) ReadInTask(int[] index, int[] shape) =>
        (readIntoScratch ?? throw new InvalidOperationException($"Layer {Name} cannot be read inside a consumer's task."))(index, shape);

    public override void Lower(LoweringContext context)
    {
        var backend = context.Backend;
        foreach (var index in Grid.BlockIndices())
        {
            var shape = BlockShapes.ToInt(Grid.BlockShape(index));
            context.Graph.Add(BlockKey(index), kind, _ => makeBlock(backend, index, shape));
        }
    }
}
