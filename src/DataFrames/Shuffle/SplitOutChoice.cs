using Tessera.DataFrames.Grouping;
using Tessera.DataFrames.Hashing;
using Tessera.DataFrames.Lazy;

namespace Tessera.DataFrames.Shuffle;

/// <summary>
/// How many output partitions a group-by gets when the caller does not say (<c>splitOut: null</c>).
/// Only a frame whose partitions are already in memory (persisted, or from Arrow, records or a
/// frame) is estimated: the first <see cref="SampleRows"/> rows of its first partition are hashed
/// to count their distinct keys, and the groups of the whole frame are estimated as that share of
/// distinct rows times all the rows (right when keys rarely repeat, too high otherwise, which errs
/// towards splitting), each group's partial as its key bytes plus <see cref="BytesPerAggregate"/>
/// per aggregate. When that exceeds <see cref="PartialBytesThreshold"/> the result is split into
/// enough partitions to keep each under it (at most one per input partition). A lazy frame (a CSV
/// read, a chain of operations) is not computed to find out, since building an aggregation must
/// stay free and run nowhere: it keeps one output partition unless the caller passes splitOut.
/// </summary>
internal static class SplitOutChoice
{
    /// <summary>The estimated size of all partials above which a group-by shuffles (16 MiB).</summary>
    public const long PartialBytesThreshold = 16L << 20;

    /// <summary>An aggregate's state per group: a count and a sum or moment, about two 8-byte words.</summary>
    public const int BytesPerAggregate = 16;

    /// <summary>The rows hashed to estimate the share of distinct keys.</summary>
    public const int SampleRows = 100_000;

    public static int Choose(DataFrame frame, string[] keys, int aggregates)
    {
        if (frame.NPartitions < 2 || frame.Node is not FramesNode memory || memory.Frames.FirstOrDefault(f => f.RowCount > 0) is not { } first)
        {
            return 1;
        }
        var rows = memory.Frames.Sum(f => (long)f.RowCount);
        var sample = first.Slice(0, Math.Min(first.RowCount, SampleRows));
        var table = new KeyTable();
        GroupPartial.GroupIds(sample, keys, table);
        if (table.Count == 0)
        {
            return 1;
        }
        long keyBytes = 0;
        for (var g = 0; g < table.Count; g++)
        {
            keyBytes += table.Key(g).Length;
        }
        var groups = (double)rows * table.Count / sample.RowCount;
        var estimate = groups * (((double)keyBytes / table.Count) + (BytesPerAggregate * aggregates));
        return estimate <= PartialBytesThreshold ? 1 : (int)Math.Min(frame.NPartitions, Math.Ceiling(estimate / PartialBytesThreshold));
    }
}
