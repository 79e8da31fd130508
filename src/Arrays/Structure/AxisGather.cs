using Tessera.Kernels.Backends;

namespace Tessera.Arrays.Structure;

/// <summary>One source block read by an output block along one axis: which of its positions go where.</summary>
internal sealed record GatherSegment(int SourceBlock, AxisPositions Picks, AxisPositions Places);

/// <summary>
/// How one output axis is made from one source axis: the output's block lengths, and for each
/// output block the source blocks it reads (each once) with the positions taken from them.
/// An output block never depends on a source block it takes nothing from.
/// </summary>
internal sealed class AxisGather(long[] blockLengths, GatherSegment[][] segments)
{
    public long[] BlockLengths { get; } = blockLengths;

    public GatherSegment[][] Segments { get; } = segments;

    /// <summary>
    /// Positions start, start + step, … (count of them; step may be negative): the run of
    /// positions inside one source block forms one output block, so the result follows the
    /// source's chunks and every output block reads exactly one source block. Computed per
    /// block, never per element, so huge axes cost nothing here.
    /// </summary>
    public static AxisGather Stepped(IReadOnlyList<long> boundaries, long start, long step, long count)
    {
        if (count == 0)
        {
            return new([0], [[]]);
        }
        var lengths = new List<long>();
        var segments = new List<GatherSegment[]>();
        for (var i = 0L; i < count;)
        {
            var position = start + (i * step);
            var block = BlockOf(boundaries, position);
            // How many of the remaining positions stay inside this block.
            var end = step > 0
                ? Math.Min(count, (boundaries[block + 1] - start + step - 1) / step)
                : Math.Min(count, ((start - boundaries[block]) / -step) + 1);
            var length = (int)(end - i);
            lengths.Add(length);
            segments.Add([new GatherSegment(block, new((int)(position - boundaries[block]), (int)step, length), new(0, 1, length))]);
            i = end;
        }
        return new([.. lengths], [.. segments]);
    }

    /// <summary>
    /// Arbitrary positions (already in bounds). Sorted positions are cut where the source block
    /// changes, as slices are; unsorted ones every <paramref name="maxBlock"/> positions, so an
    /// output block is never longer than the longest source block on the axis.
    /// </summary>
    public static AxisGather Taken(IReadOnlyList<long> boundaries, long[] positions, long maxBlock)
    {
        var sorted = positions.Zip(positions.Skip(1)).All(p => p.First <= p.Second);
        return Grouped(boundaries, positions, maxBlock, cutOnBlockChange: sorted);
    }

    /// <summary>The block holding <paramref name="position"/>: the last one starting at or before it (empty blocks are skipped that way).</summary>
    public static int BlockOf(IReadOnlyList<long> boundaries, long position)
    {
        int lo = 0, hi = boundaries.Count - 2;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (boundaries[mid] <= position)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /// <summary>An axis of <paramref name="length"/> repeating position 0 of <paramref name="sourceBlock"/> of a length-1 (or new) source axis.</summary>
    public static AxisGather Repeated(long length, int sourceBlock)
    {
        var count = checked((int)length);
        return length == 0
            ? new([0], [[]])
            : new([length], [[new GatherSegment(sourceBlock, new(0, 0, count), new(0, 1, count))]]);
    }

    private static AxisGather Grouped(IReadOnlyList<long> boundaries, long[] positions, long maxBlock, bool cutOnBlockChange)
    {
        if (positions.Length == 0)
        {
            return new([0], [[]]);
        }
        var lengths = new List<long>();
        var segments = new List<GatherSegment[]>();
        var first = 0;
        var firstBlock = BlockOf(boundaries, positions[0]);
        for (var i = 1; i <= positions.Length; i++)
        {
            var block = i < positions.Length ? BlockOf(boundaries, positions[i]) : -1;
            var cut = i == positions.Length || i - first == maxBlock || (cutOnBlockChange && block != firstBlock);
            if (cut)
            {
                lengths.Add(i - first);
                segments.Add(GroupByBlock(boundaries, positions.AsSpan(first, i - first)));
                first = i;
                firstBlock = block;
            }
        }
        return new([.. lengths], [.. segments]);
    }

    /// <summary>The positions of one output block, grouped by the source block they fall in.</summary>
    private static GatherSegment[] GroupByBlock(IReadOnlyList<long> boundaries, ReadOnlySpan<long> positions)
    {
        var groups = new SortedDictionary<int, (List<int> Picks, List<int> Places)>();
        for (var i = 0; i < positions.Length; i++)
        {
            var block = BlockOf(boundaries, positions[i]);
            if (!groups.TryGetValue(block, out var group))
            {
                group = ([], []);
                groups.Add(block, group);
            }
            group.Picks.Add((int)(positions[i] - boundaries[block]));
            group.Places.Add(i);
        }
        return [.. groups.Select(g => new GatherSegment(g.Key, AxisPositions.Listed([.. g.Value.Picks]), AxisPositions.Listed([.. g.Value.Places])))];
    }
}
