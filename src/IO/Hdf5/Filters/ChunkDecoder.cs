namespace Tessera.IO.Hdf5;

/// <summary>
/// Undoes a chunk's filters into a caller's span (the read's output, or a pooled buffer), with
/// pooled intermediates: the last filter writes its result straight into the destination, so
/// a chunk that maps to one run of the output is decompressed in place. Deflate, shuffle and
/// fletcher32 work on spans here; any other filter goes through <see cref="FilterPipeline"/>
/// (arrays) and is copied, so new filters need only be added there.
/// </summary>
internal static class ChunkDecoder
{
    public static void Decode(IReadOnlyList<Hdf5Filter> filters, ReadOnlySpan<byte> stored, uint filterMask,
        Span<byte> destination, int elementSize, long chunkOffset)
    {
        var active = new List<int>(filters.Count);
        for (int i = filters.Count - 1; i >= 0; i--)
        {
            if (i >= 32 || (filterMask & (1u << i)) == 0)
            {
                active.Add(i);
            }
        }
        if (active.Any(i => filters[i].Id is not (Hdf5Filter.Deflate or Hdf5Filter.Shuffle or Hdf5Filter.Fletcher32)))
        {
            var decoded = FilterPipeline.Decode(filters, stored.ToArray(), filterMask, destination.Length, elementSize, chunkOffset);
            Finish(decoded, destination, chunkOffset);
            return;
        }
        // Two pooled stages alternate; the current data is always a span over one of them (or the input).
        var a = default(ChunkBuffer);
        var b = default(ChunkBuffer);
        try
        {
            ReadOnlySpan<byte> current = stored;
            bool inDestination = false;
            for (int k = 0; k < active.Count; k++)
            {
                int i = active[k];
                var f = filters[i];
                bool last = k == active.Count - 1;
                switch (f.Id)
                {
                    case Hdf5Filter.Fletcher32:
                        current = Fletcher32Filter.Verify(current, chunkOffset);
                        break;
                    case Hdf5Filter.Deflate:
                        {
                            long expected = destination.Length + 4L * FilterPipeline.CountFletcherBefore(filters, i, filterMask);
                            var target = Stage(last && expected == destination.Length, destination, ref a, ref b, current,
                                Math.Min(expected, (long)current.Length * 1040 + 1024));
                            int n = DeflateFilter.Inflate(current, target, expected, chunkOffset);
                            current = target[..n];
                            inDestination = target == destination;
                            break;
                        }
                    case Hdf5Filter.Shuffle:
                        {
                            int size = f.ClientData.Count > 0 ? f.ClientData[0] : elementSize;
                            var target = Stage(last && current.Length == destination.Length, destination, ref a, ref b, current, current.Length);
                            ShuffleFilter.Decode(current, target[..current.Length], size);
                            current = target[..current.Length];
                            inDestination = target == destination;
                            break;
                        }
                }
            }
            if (!inDestination || current.Length != destination.Length)
            {
                Finish(current, destination, chunkOffset);
            }
        }
        finally
        {
            a.Dispose();
            b.Dispose();
        }
    }

    private static void Finish(ReadOnlySpan<byte> decoded, Span<byte> destination, long chunkOffset)
    {
        if (decoded.Length != destination.Length)
        {
            throw new Hdf5FormatException("chunk", chunkOffset, $"decodes to {decoded.Length} bytes; the chunk holds {destination.Length}.");
        }
        decoded.CopyTo(destination);
    }

    /// <summary>Where the next stage writes: the destination when it is the last, else whichever pooled buffer does not hold <paramref name="current"/>.</summary>
    private static Span<byte> Stage(bool intoDestination, Span<byte> destination, scoped ref ChunkBuffer a, scoped ref ChunkBuffer b,
        scoped ReadOnlySpan<byte> current, long length)
    {
        if (intoDestination)
        {
            return destination;
        }
        bool currentInA = a.Length > 0 && current.Overlaps(a.Array);
        ref var buffer = ref currentInA ? ref b : ref a;
        if (buffer.Length < length)
        {
            buffer.Dispose();
            buffer = ChunkBuffer.Rent(length);
        }
        return buffer.Span[..(int)length];
    }
}
