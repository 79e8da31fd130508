namespace Tessera.IO.Hdf5;

/// <summary>Row-major arithmetic on the grid of chunks that covers a dataset.</summary>
internal static class ChunkGrid
{
    /// <summary>Number of chunks along each axis (the last chunk may be partial).</summary>
    public static long[] Counts(long[] shape, long[] chunk)
    {
        var counts = new long[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            // Written as quotient plus remainder so a huge (corrupt) maximum size cannot overflow.
            counts[i] = shape[i] == DataspaceMessage.Unlimited ? long.MaxValue : shape[i] / chunk[i] + (shape[i] % chunk[i] != 0 ? 1 : 0);
        }
        return counts;
    }

    /// <summary>Row-major linear index of chunk coordinates, or -1 when outside the grid.</summary>
    public static long Linear(ReadOnlySpan<long> coords, long[] counts)
    {
        long index = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            if (coords[i] < 0 || coords[i] >= counts[i])
            {
                return -1;
            }
            index = index * counts[i] + coords[i];
        }
        return index;
    }

    /// <summary>Inverse of <see cref="Linear"/>; the first axis may be unbounded.</summary>
    public static long[] Coordinates(long index, long[] counts)
    {
        var coords = new long[counts.Length];
        for (int i = counts.Length - 1; i > 0; i--)
        {
            long n = Math.Max(1, counts[i]);
            coords[i] = index % n;
            index /= n;
        }
        if (counts.Length > 0)
        {
            coords[0] = index;
        }
        return coords;
    }

    public static long Product(ReadOnlySpan<long> values)
    {
        long p = 1;
        foreach (var v in values)
        {
            p = checked(p * v);
        }
        return p;
    }
}
