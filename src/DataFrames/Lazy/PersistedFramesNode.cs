using Apache.Arrow;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Lazy;

/// <summary>
/// Partitions persisted on a cluster: each is a handle to a frame kept on a worker, entered in
/// graphs as a constant. The cluster holding them reads them where they lie; any other run
/// fetches them (<see cref="RemoteResults"/>). Graph-only: closures reaching this node do not
/// carry the handles to the workers.
/// </summary>
[GraphOnly]
internal sealed class PersistedFramesNode(string name, Schema schema, IReadOnlyList<object?> partitions)
    : FrameNode(name, partitions.Count, schema)
{
    public override IReadOnlyList<FrameNode> Inputs => [];

    public override void Lower(FrameLowering context)
    {
        for (var i = 0; i < partitions.Count; i++)
        {
            context.Graph.AddConstant(Key(i), partitions[i]);
        }
    }
}
