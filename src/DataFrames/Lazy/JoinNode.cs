using Tessera.DataFrames.Joins;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Lazy;

/// <summary>
/// A broadcast hash join: the build side's partitions are gathered and hashed once (one task);
/// each probe partition is joined against it in its own task; for right and outer joins one more
/// partition holds the build rows no probe partition matched.
/// </summary>
internal sealed class JoinNode(string name, FrameNode probe, FrameNode build, string[] keys, HashJoin join, bool keepBuildUnmatched)
    : FrameNode(name, probe.Partitions + (keepBuildUnmatched ? 1 : 0), join.Schema)
{
    public override IReadOnlyList<FrameNode> Inputs => [probe, build];

    public override void Lower(FrameLowering context)
    {
        var buildKey = TaskKeys.Block(Name + "-build", [0]);
        context.Graph.Add(buildKey, "join-build",
            a => new BuildSide(Frame.Concat([.. a.ToArray().Select(f => (Frame)f!)]), keys),
            [.. Enumerable.Range(0, build.Partitions).Select(p => TaskArg.Ref(build.Key(p)))]);
        var pieces = new List<string>();
        for (var p = 0; p < probe.Partitions; p++)
        {
            var piece = TaskKeys.Block(Name + "-piece", [p]);
            context.Graph.Add(piece, "join-probe", a => join.Probe((Frame)a[0]!, (BuildSide)a[1]!), TaskArg.Ref(probe.Key(p)), TaskArg.Ref(buildKey));
            context.Graph.Add(Key(p), "join-frame", a => ((JoinPiece)a[0]!).Frame, TaskArg.Ref(piece));
            pieces.Add(piece);
        }
        if (keepBuildUnmatched)
        {
            var schema = probe.Schema;
            context.Graph.Add(Key(probe.Partitions), "join-unmatched",
                a => join.Unmatched((BuildSide)a[0]!, [.. a[1..].ToArray().Select(x => (JoinPiece)x!)], schema),
                [TaskArg.Ref(buildKey), .. pieces.Select(TaskArg.Ref)]);
        }
    }
}
