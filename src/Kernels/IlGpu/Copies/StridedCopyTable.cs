using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.IlGpu.Copies;

/// <summary>
/// Builds <see cref="StridedCopyKernel"/>'s table for each copy: one row per iterated axis, each a
/// count, the source positions and stride, and the target positions and stride.
/// </summary>
internal sealed class StridedCopyTable
{
    private readonly List<int> _rows = [];
    private readonly List<(int Field, int[] Positions)> _lists = [];

    private StridedCopyTable()
    {
    }

    /// <summary>Axes iterated (the kernel's rank).</summary>
    public int Rank { get; private set; }

    /// <summary>Elements copied: the product of the axes' counts.</summary>
    public long Count { get; private set; } = 1;

    /// <summary>The box copy: runs from the starts, both blocks' own strides.</summary>
    public static StridedCopyTable Region(IReadOnlyList<int> sourceShape, ReadOnlySpan<int> sourceStart,
        IReadOnlyList<int> targetShape, ReadOnlySpan<int> targetStart, ReadOnlySpan<int> extent)
    {
        var (from, to) = (HostBlockCopies.Strides(sourceShape), HostBlockCopies.Strides(targetShape));
        var table = new StridedCopyTable();
        for (var d = 0; d < extent.Length; d++)
        {
            table.Add(extent[d], new AxisPositions(sourceStart[d], 1, extent[d]), from[d], new AxisPositions(targetStart[d], 1, extent[d]), to[d]);
        }
        return table;
    }

    /// <summary>The permutation: target axis d walks source axis axes[d], so it reads with that axis's stride.</summary>
    public static StridedCopyTable Permute(IReadOnlyList<int> sourceShape, IReadOnlyList<int> targetShape, ReadOnlySpan<int> axes)
    {
        var (from, to) = (HostBlockCopies.Strides(sourceShape), HostBlockCopies.Strides(targetShape));
        var table = new StridedCopyTable();
        for (var d = 0; d < axes.Length; d++)
        {
            var all = new AxisPositions(0, 1, targetShape[d]);
            table.Add(targetShape[d], all, from[axes[d]], all, to[d]);
        }
        return table;
    }

    /// <summary>The gather: the given positions, both blocks' own strides.</summary>
    public static StridedCopyTable Gather(IReadOnlyList<int> sourceShape, IReadOnlyList<AxisPositions> picks,
        IReadOnlyList<int> targetShape, IReadOnlyList<AxisPositions> places)
    {
        var (from, to) = (HostBlockCopies.Strides(sourceShape), HostBlockCopies.Strides(targetShape));
        var table = new StridedCopyTable();
        for (var d = 0; d < picks.Count; d++)
        {
            table.Add(picks[d].Count, picks[d], from[d], places[d], to[d]);
        }
        return table;
    }

    /// <summary>The table as the kernel reads it: the rows, then the lists (never empty, so it can always be allocated).</summary>
    public int[] ToArray()
    {
        var result = new List<int>(_rows);
        foreach (var (field, positions) in _lists)
        {
            result[field] = result.Count;
            result.AddRange(positions);
        }
        if (result.Count == 0)
        {
            result.Add(0);
        }
        return [.. result];
    }

    private void Add(int count, AxisPositions source, long sourceStride, AxisPositions target, long targetStride)
    {
        _rows.Add(count);
        Positions(source, sourceStride);
        Positions(target, targetStride);
        Rank++;
        Count *= count;
    }

    private void Positions(AxisPositions positions, long stride)
    {
        // Strides of a block fit an int: blocks are at most int.MaxValue elements (host spans).
        _rows.AddRange([positions.Start, positions.Step, -1, checked((int)stride)]);
        if (positions.Explicit is { } list)
        {
            _lists.Add((_rows.Count - 2, list));
        }
    }
}
