namespace Tessera.IO.Zarr;

/// <summary>
/// Copies between row-major boxes of raw elements: a chunk's overlap with a requested region,
/// a block's part that fills a chunk. The innermost axis moves as one contiguous run.
/// </summary>
internal static class ZarrBoxes
{
    public static void Copy(ReadOnlySpan<byte> source, long[] sourceShape, long[] sourceStart,
        Span<byte> destination, long[] destinationShape, long[] destinationStart, long[] box, int elementSize)
    {
        var rank = box.Length;
        if (rank == 0)
        {
            source[..elementSize].CopyTo(destination);
            return;
        }
        if (box.Any(b => b == 0))
        {
            return;
        }
        var run = (int)(box[rank - 1] * elementSize);
        var position = new long[rank - 1];
        while (true)
        {
            long s = 0, d = 0;
            for (var axis = 0; axis < rank; axis++)
            {
                var at = axis < rank - 1 ? position[axis] : 0;
                s = s * sourceShape[axis] + sourceStart[axis] + at;
                d = d * destinationShape[axis] + destinationStart[axis] + at;
            }
            source.Slice((int)(s * elementSize), run).CopyTo(destination.Slice(checked((int)(d * elementSize)), run));
            if (!Next(position, box))
            {
                return;
            }
        }
    }

    public static void Fill(Span<byte> destination, long[] destinationShape, long[] destinationStart, long[] box, ReadOnlySpan<byte> value)
    {
        var rank = box.Length;
        var elementSize = value.Length;
        if (rank == 0)
        {
            value.CopyTo(destination);
            return;
        }
        if (box.Any(b => b == 0))
        {
            return;
        }
        var position = new long[rank - 1];
        var allZero = !value.ContainsAnyExcept((byte)0);
        while (true)
        {
            long d = 0;
            for (var axis = 0; axis < rank; axis++)
            {
                d = d * destinationShape[axis] + destinationStart[axis] + (axis < rank - 1 ? position[axis] : 0);
            }
            var row = destination.Slice((int)(d * elementSize), (int)(box[rank - 1] * elementSize));
            if (allZero)
            {
                row.Clear();
            }
            else
            {
                for (var i = 0; i < row.Length; i += elementSize)
                {
                    value.CopyTo(row[i..]);
                }
            }
            if (!Next(position, box))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Reorders a chunk stored with its axes permuted (stored axis i is logical axis
    /// <paramref name="order"/>[i]; v2's F order reverses them) into row-major logical order.
    /// </summary>
    public static void FromStoredOrder(ReadOnlySpan<byte> stored, Span<byte> logical, long[] shape, int[] order, int elementSize)
    {
        var rank = shape.Length;
        var storedStrides = new long[rank];
        var stride = 1L;
        for (var i = rank - 1; i >= 0; i--)
        {
            storedStrides[i] = stride;
            stride *= shape[order[i]];
        }
        var strideOfLogical = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            strideOfLogical[order[i]] = storedStrides[i];
        }
        var index = new long[rank];
        var count = shape.Aggregate(1L, (a, b) => a * b);
        for (long n = 0; n < count; n++)
        {
            long s = 0;
            for (var axis = 0; axis < rank; axis++)
            {
                s += index[axis] * strideOfLogical[axis];
            }
            stored.Slice((int)(s * elementSize), elementSize).CopyTo(logical[(int)(n * elementSize)..]);
            for (var axis = rank - 1; axis >= 0; axis--)
            {
                if (++index[axis] < shape[axis])
                {
                    break;
                }
                index[axis] = 0;
            }
        }
    }

    public static void SwapBytes(Span<byte> data, int elementSize)
    {
        if (elementSize == 1)
        {
            return;
        }
        for (var i = 0; i + elementSize <= data.Length; i += elementSize)
        {
            data.Slice(i, elementSize).Reverse();
        }
    }

    /// <summary>Advances an odometer over all but the last axis of <paramref name="box"/>; false when done.</summary>
    private static bool Next(long[] position, long[] box)
    {
        for (var axis = position.Length - 1; axis >= 0; axis--)
        {
            if (++position[axis] < box[axis])
            {
                return true;
            }
            position[axis] = 0;
        }
        return false;
    }
}
