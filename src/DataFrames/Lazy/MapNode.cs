using Apache.Arrow;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Lazy;

/// <summary>
/// A partition-wise layer: partition i is <c>map(backend, i, inputs' partitions i)</c>. Every input
/// must have the same partition count. Column expressions, masks, Assign, Drop, joins against a
/// broadcast side and MapPartitions are all this.
/// </summary>
internal sealed class MapNode : FrameNode
{
    private readonly FrameNode[] _inputs;
    private readonly Func<IComputeBackend, int, Frame[], Frame> _map;
    private readonly string _kind;
    private readonly Func<FrameLowering, string[]>? _extra;

    public MapNode(string kind, string name, Schema schema, FrameNode[] inputs, Func<IComputeBackend, int, Frame[], Frame> map,
        int? partitions = null, Func<FrameLowering, string[]>? extra = null)
        : base(name, partitions ?? inputs[0].Partitions, schema)
    {
        foreach (var input in inputs)
        {
            if (input.Partitions != Partitions)
            {
                throw new ArgumentException(
                    $"Frames combined row by row must have the same partitions; one has {input.Partitions}, another {Partitions}. " +
                    "Combine columns of one frame, or Merge the frames on a key column.");
            }
        }
        _kind = kind;
        _inputs = inputs;
        _map = map;
        _extra = extra;
    }

    public override IReadOnlyList<FrameNode> Inputs => _inputs;

    public override void Lower(FrameLowering context)
    {
        var backend = context.Backend;
        // Tasks every partition also receives after its inputs (a broadcast side), lowered here.
        var extraKeys = _extra?.Invoke(context) ?? [];
        for (var p = 0; p < Partitions; p++)
        {
            var partition = p;
            var args = _inputs.Select(i => TaskArg.Ref(i.Key(partition))).Concat(extraKeys.Select(TaskArg.Ref)).ToArray();
            context.Graph.Add(Key(p), _kind, a =>
            {
                var frames = new Frame[a.Length];
                for (var i = 0; i < a.Length; i++)
                {
                    frames[i] = (Frame)a[i]!;
                }
                return _map(backend, partition, frames);
            }, args);
        }
    }
}
