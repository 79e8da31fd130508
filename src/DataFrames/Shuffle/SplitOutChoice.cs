using Tessera.DataFrames.Grouping;
using Tessera.DataFrames.Hashing;
using Tessera.DataFrames.Lazy;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Shuffle;

/// <summary>
/// How many output partitions a group-by gets when the caller does not say (<c>splitOut: null</c>).
/// The first partition's rows are hashed now (one partition, computed eagerly as Repartition by
/// size does) to count its distinct keys; the groups of the whole frame are estimated as that
/// count times the partitions (right when keys rarely repeat across partitions, an overestimate
/// otherwise), and each group's partial as its key bytes plus <see cref="BytesPerAggregate"/> per
/// aggregate. When that exceeds <see cref="PartialBytesThreshold"/> the result is split into
/// enough partitions to keep each under it (at most one per input partition); otherwise the
/// partials are merged into one partition as before.
/// </summary>
internal static class SplitOutChoice
{
    /// <summary>The estimated size of all partials above which a group-by shuffles (16 MiB).</summary>
    public const long PartialBytesThreshold = 16L << 20;

    /// <summary>An aggregate's state per group: a count and a sum or moment, about two 8-byte words.</summary>
    public const int BytesPerAggregate = 16;

    public static int Choose(DataFrame frame, string[] keys, int aggregates)
    {
        if (frame.NPartitions < 2)
        {
            return 1;
        }
        var (groups, keyBytes) = SampleFirstPartition(frame, keys);
        var estimate = (double)groups * frame.NPartitions * ((groups == 0 ? 0 : (double)keyBytes / groups) + (BytesPerAggregate * aggregates));
        return estimate <= PartialBytesThreshold ? 1 : (int)Math.Min(frame.NPartitions, Math.Ceiling(estimate / PartialBytesThreshold));
    }

    private static (long Groups, long KeyBytes) SampleFirstPartition(DataFrame frame, string[] keys)
    {
        var context = FrameLowering.For(null);
        context.Lower(frame.Node);
        var key = TaskKeys.Block(TaskKeys.Name("split-out-sample", frame.Node.Name, string.Join(",", keys)), [0]);
        context.Graph.Add(key, "partition-summary", a =>
        {
            var table = new KeyTable();
            GroupPartial.GroupIds((Frame)a[0]!, keys, table);
            long bytes = 0;
            for (var g = 0; g < table.Count; g++)
            {
                bytes += table.Key(g).Length;
            }
            return (object)((long)table.Count, bytes);
        }, TaskArg.Ref(frame.Node.Key(0)));
        return ((long, long))GraphRunner.Run(context.Graph, [key])[0]!;
    }
}
