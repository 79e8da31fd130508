using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// A layer of blocks computed earlier and held in memory (<c>Persist</c>). Its blocks enter each
/// graph as constants, not as tasks that return them: the scheduler then knows they belong to
/// the persisted array and never moves or frees them when a device budget is exceeded. A block
/// persisted on a cluster is an <see cref="IRemoteResult"/> instead: that cluster reads it where it
/// lies, and any other run fetches it first.
/// </summary>
[GraphOnly] // its blocks enter graphs as constants; closures that reach this node must not carry them too
internal sealed class PersistedNode(string name, ChunkGrid grid, DType dtype, IReadOnlyDictionary<long, object> blocks)
    : ArrayNode(name, grid, dtype)
{
    public override IReadOnlyList<ArrayNode> Inputs => [];

    public override void Lower(LoweringContext context)
    {
        var target = context.Backend.Device;
        foreach (var index in Grid.BlockIndices())
        {
            var block = blocks[Grid.LinearIndex(index)];
            if (block is IDeviceBuffer buffer && buffer.Device != target)
            {
                throw new NotSupportedException(
                    $"These blocks were persisted on {buffer.Device}; compute on the same device (got {target}).");
            }
            context.Graph.Add(TaskDefinition.Constant(BlockKey(index), block, "persisted"));
        }
    }
}
