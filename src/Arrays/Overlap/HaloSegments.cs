namespace Tessera.Arrays.Overlap;

/// <summary>
/// One piece of an extended block along one axis: <see cref="Length"/> elements taken from
/// source block <see cref="SourceBlock"/> at local positions <see cref="Indexes"/> (in order; a
/// reflected halo lists them backwards), or a constant fill when <see cref="SourceBlock"/> is −1.
/// </summary>
internal sealed record HaloSegment(int Length, int SourceBlock, int[] Indexes, bool IsCore);

/// <summary>
/// Per axis, the low halo, the block itself and the high halo of an extended block. Each halo
/// comes from ONE neighbouring block (the grid guarantees blocks at least as long as the depth),
/// so a halo task reads a slab of one neighbour and nothing else.
/// </summary>
internal static class HaloSegments
{
    public static HaloSegment[] Of(IReadOnlyList<long> chunks, int block, int depth, OverlapBoundaryKind boundary)
    {
        var count = chunks.Count;
        var size = (int)chunks[block];
        var segments = new List<HaloSegment>(3);
        if (depth > 0 && (block > 0 || boundary != OverlapBoundaryKind.None))
        {
            segments.Add(Low(chunks, block, depth, boundary));
        }
        segments.Add(new HaloSegment(size, block, [.. Enumerable.Range(0, size)], IsCore: true));
        if (depth > 0 && (block < count - 1 || boundary != OverlapBoundaryKind.None))
        {
            segments.Add(High(chunks, block, depth, boundary));
        }
        return [.. segments];
    }

    private static HaloSegment Low(IReadOnlyList<long> chunks, int block, int depth, OverlapBoundaryKind boundary)
    {
        if (block > 0)
        {
            return Tail(chunks, block - 1, depth);
        }
        return boundary switch
        {
            OverlapBoundaryKind.Periodic => Tail(chunks, chunks.Count - 1, depth),
            OverlapBoundaryKind.Reflect => new(depth, 0, [.. Enumerable.Range(0, depth).Reverse()], false),
            OverlapBoundaryKind.Nearest => new(depth, 0, new int[depth], false),
            _ => new(depth, -1, [], false),
        };
    }

    private static HaloSegment High(IReadOnlyList<long> chunks, int block, int depth, OverlapBoundaryKind boundary)
    {
        var last = chunks.Count - 1;
        if (block < last)
        {
            return new(depth, block + 1, [.. Enumerable.Range(0, depth)], false);
        }
        var size = (int)chunks[last];
        return boundary switch
        {
            OverlapBoundaryKind.Periodic => new(depth, 0, [.. Enumerable.Range(0, depth)], false),
            OverlapBoundaryKind.Reflect => new(depth, last, [.. Enumerable.Range(size - depth, depth).Reverse()], false),
            OverlapBoundaryKind.Nearest => new(depth, last, [.. Enumerable.Repeat(size - 1, depth)], false),
            _ => new(depth, -1, [], false),
        };
    }

    private static HaloSegment Tail(IReadOnlyList<long> chunks, int block, int depth)
    {
        var size = (int)chunks[block];
        return new(depth, block, [.. Enumerable.Range(size - depth, depth)], false);
    }

    /// <summary>
    /// Block sizes on an axis with every block at least <paramref name="depth"/> long: smaller
    /// blocks merge with the next (the last with the previous), as dask rechunks for map_overlap.
    /// </summary>
    public static long[] AtLeast(IReadOnlyList<long> chunks, int depth)
    {
        if (depth == 0 || chunks.All(c => c >= depth))
        {
            return [.. chunks];
        }
        var merged = new List<long>();
        long pending = 0;
        foreach (var size in chunks)
        {
            pending += size;
            if (pending >= depth)
            {
                merged.Add(pending);
                pending = 0;
            }
        }
        if (pending > 0)
        {
            if (merged.Count == 0)
            {
                merged.Add(pending);
            }
            else
            {
                merged[^1] += pending;
            }
        }
        return [.. merged];
    }
}
