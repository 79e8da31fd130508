namespace Tessera.Arrays;

/// <summary>
/// Automatic block sizes, in the spirit of dask's <c>normalize_chunks("auto")</c>: blocks of
/// about a byte target, as close to cubes as the shape allows. An axis shorter than its
/// share is taken whole and its unused share goes to the other axes. Sizes are then evened
/// out (7 blocks of 143 rather than 6 of 160 and one of 40). With storage chunks (HDF5), each
/// block is a whole multiple of the storage chunk so no stored chunk is read twice.
/// </summary>
internal static class AutoChunking
{
    public static ChunkGrid Resolve(IReadOnlyList<long> shape, int elementSize, long targetBytes, IReadOnlyList<long>? storage)
    {
        var rank = shape.Count;
        if (storage is not null && storage.Count != rank)
        {
            throw new ArgumentException($"Storage chunks have {storage.Count} dimensions; the array has {rank}.");
        }
        // Work in units: storage chunks when given, else elements.
        var unit = storage?.Select(s => Math.Max(1, s)).ToArray() ?? Enumerable.Repeat(1L, rank).ToArray();
        var units = shape.Select((s, d) => Math.Max(1, (s + unit[d] - 1) / unit[d])).ToArray();
        var budget = Math.Max(1.0, (double)targetBytes / elementSize / unit.Aggregate(1.0, (a, b) => a * b));

        var blockUnits = new long[rank];
        var open = Enumerable.Range(0, rank).ToList();
        var changed = true;
        while (changed && open.Count > 0)
        {
            changed = false;
            var share = Math.Pow(budget, 1.0 / open.Count);
            foreach (var axis in open.ToArray())
            {
                if (units[axis] <= share)
                {
                    blockUnits[axis] = units[axis]; // whole axis fits its share: take it, pass the rest on
                    budget /= units[axis];
                    open.Remove(axis);
                    changed = true;
                }
            }
        }
        foreach (var axis in open)
        {
            blockUnits[axis] = Math.Max(1, (long)Math.Floor(Math.Pow(budget, 1.0 / open.Count)));
        }

        var sizes = new long[rank];
        for (var axis = 0; axis < rank; axis++)
        {
            // Even out: the fewest blocks of at most blockUnits units, as equal as whole units allow.
            var blocks = (units[axis] + blockUnits[axis] - 1) / blockUnits[axis];
            var even = (units[axis] + blocks - 1) / blocks;
            sizes[axis] = Math.Max(1, Math.Min(even * unit[axis], Math.Max(1, shape[axis])));
        }
        return ChunkGrid.Regular(shape, sizes);
    }
}
