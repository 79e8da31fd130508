using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Scheduling;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// A layer whose blocks are made by a function of (block index, block shape): data sources
/// such as arrays in memory, constants, ranges, random numbers and user functions.
/// </summary>
internal sealed class BlocksNode(string name, ChunkGrid grid, DType dtype, string kind,
    Func<IComputeBackend, int[], int[], IDeviceBuffer> makeBlock, BlocksNode.ScratchReader? readIntoScratch = null,
    bool readsRowBands = false, bool viewsInMemory = false)
    : ArrayNode(name, grid, dtype)
{
    /// <summary>
    /// Reads the region at <c>start</c> of <c>shape</c> into <c>reuse</c> when it is large enough,
    /// else into an array borrowed from <see cref="ScratchBlocks"/>; the caller returns <c>Borrowed</c>.
    /// Sources in memory return a view and borrow nothing (<c>Borrowed</c> null).
    /// </summary>
    public delegate (CpuBuffer Block, Array? Borrowed) ScratchReader(long[] start, int[] shape, Array? reuse);

    public override IReadOnlyList<ArrayNode> Inputs => [];

    /// <summary>
    /// Whether a consumer that uses a block only inside its own task may read it there, into
    /// reused memory, instead of depending on this layer's task (sources that are cheap to read
    /// again and costly to allocate: file datasets).
    /// </summary>
    public bool ReadsInTask => readIntoScratch is not null;

    /// <summary>
    /// Whether <see cref="ReadInTask"/> returns views of memory that is already there (an array in
    /// memory) and borrows nothing: any CPU consumer that reads the fused reader's way (strided
    /// views included) may then read the block in its own task, elementwise layers too, instead of
    /// receiving a block gathered by a task of this layer.
    /// </summary>
    public bool ViewsInMemory => viewsInMemory && readIntoScratch is not null;

    /// <summary>
    /// Whether a band of whole rows (a range along axis 0) of a block reads as cheaply, per byte,
    /// as the whole block: storage with no decoding whose rows are contiguous. A reduction over
    /// axis 0 then reads and reduces a block band by band, in memory that stays in the CPU's cache.
    /// </summary>
    public bool ReadsRowBands => readsRowBands && readIntoScratch is not null;

    /// <summary>
    /// Rows [<paramref name="firstRow"/>, firstRow + shape[0]) of block <paramref name="index"/>
    /// (the whole block when <paramref name="shape"/> is its shape), read into <paramref name="reuse"/>
    /// or an array borrowed from <see cref="ScratchBlocks"/>: the caller returns <c>Borrowed</c> (when
    /// not null) when done and must not let the block leave its task.
    /// </summary>
    public (CpuBuffer Block, Array? Borrowed) ReadInTask(int[] index, int[] shape, long firstRow = 0, Array? reuse = null)
    {
        var read = readIntoScratch ?? throw new InvalidOperationException($"Layer {Name} cannot be read inside a consumer's task.");
        var start = Grid.BlockOffset(index);
        if (start.Length > 0)
        {
            start[0] += firstRow;
        }
        return read(start, shape, reuse);
    }

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
