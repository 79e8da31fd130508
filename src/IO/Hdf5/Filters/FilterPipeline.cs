namespace Tessera.IO.Hdf5;

/// <summary>
/// Undoes a dataset's filters on one chunk: last-applied first, skipping each filter whose bit
/// is set in the chunk's filter mask (the writer skipped it for that chunk).
/// </summary>
internal static class FilterPipeline
{
    public static byte[] Decode(IReadOnlyList<Hdf5Filter> filters, byte[] stored, uint filterMask, long chunkBytes, int elementSize, long chunkOffset)
    {
        var data = stored;
        for (int i = filters.Count - 1; i >= 0; i--)
        {
            if (i < 32 && (filterMask & (1u << i)) != 0)
            {
                continue;
            }
            var f = filters[i];
            data = f.Id switch
            {
                Hdf5Filter.Deflate => DeflateFilter.Decode(data, chunkBytes + 4 * CountFletcherBefore(filters, i, filterMask), chunkOffset),
                Hdf5Filter.Shuffle => ShuffleFilter.Decode(data, f.ClientData.Count > 0 ? f.ClientData[0] : elementSize),
                Hdf5Filter.Fletcher32 => Fletcher32Filter.Decode(data, chunkOffset),
                4 => SzipFilter.Decode(data, f.ClientData, chunkBytes + 4 * CountFletcherBefore(filters, i, filterMask), chunkOffset),
                NbitFilter.Id => NbitFilter.Decode(data, f.ClientData, chunkBytes, chunkOffset),
                6 => ScaleOffsetFilter.Decode(data, f.ClientData, chunkBytes, chunkOffset),
                LzfFilter.Id => LzfFilter.Decode(data, chunkBytes + 4 * CountFletcherBefore(filters, i, filterMask), chunkOffset),
                _ => throw UnsupportedFilter.Create(f, chunkOffset),
            };
        }
        return data;
    }

    // Deflate's output still carries the checksums of fletcher32 filters applied before it.
    internal static int CountFletcherBefore(IReadOnlyList<Hdf5Filter> filters, int index, uint mask)
    {
        int n = 0;
        for (int j = 0; j < index; j++)
        {
            if (filters[j].Id == Hdf5Filter.Fletcher32 && (j >= 32 || (mask & (1u << j)) == 0))
            {
                n++;
            }
        }
        return n;
    }
}
