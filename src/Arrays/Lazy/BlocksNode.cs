using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// A layer whose blocks are made by a function of (block index, block shape): data sources
/// such as arrays in memory, constants, ranges, random numbers and user functions.
/// </summary>
internal sealed class BlocksNode(string name, ChunkGrid grid, DType dtype, string kind,
    Func<IComputeBackend, int[], int[], IDeviceBuffer> makeBlock) : ArrayNode(name, grid, dtype)
{
    public override IReadOnlyList<ArrayNode> Inputs => [];

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
