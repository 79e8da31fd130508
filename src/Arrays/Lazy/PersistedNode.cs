using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// A layer of blocks computed earlier and held in memory (<c>Persist</c>). Its blocks enter each
/// graph as constants, not as tasks that return them: the scheduler then knows they belong to
/// the persisted array and never moves or frees them when a device budget is exceeded.
/// </summary>
internal sealed class PersistedNode(string name, ChunkGrid grid, DType dtype, IReadOnlyDictionary<long, IDeviceBuffer> blocks)
    : ArrayNode(name, grid, dtype)
{
    public override IReadOnlyList<ArrayNode> Inputs => [];

    public override void Lower(LoweringContext context)
    {
        var target = context.Backend.Device;
        foreach (var index in Grid.BlockIndices())
        {
            var block = blocks[Grid.LinearIndex(index)];
            if (block.Device != target)
            {
                throw new NotSupportedException(
                    $"These blocks were persisted on {block.Device}; compute on the same device (got {target}).");
            }
            context.Graph.Add(TaskDefinition.Constant(BlockKey(index), block, "persisted"));
        }
    }
}
