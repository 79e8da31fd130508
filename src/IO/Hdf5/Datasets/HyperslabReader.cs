using System.Runtime.InteropServices;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Copies a hyperslab out of a blocked source. Each block that intersects the selection is
/// decoded once and copied into its own disjoint part of the output, so blocks are processed
/// in parallel without locking. Bytes stay in file order; the caller swaps them afterwards.
/// </summary>
internal static class HyperslabReader
{
    /// <summary>On one axis: a block coordinate and the output index range [First, First+Count) it serves.</summary>
    private readonly record struct Span1(long Block, long First, long Count);

    public static void Read<T>(IChunkSource source, int elementSize, Hyperslab selection, ArraySegment<T> output)
        where T : unmanaged
    {
        int rank = selection.Start.Count;
        var perAxis = new List<Span1>[rank];
        for (int a = 0; a < rank; a++)
        {
            perAxis[a] = AxisSpans(selection.Start[a], selection.Count[a], selection.Step[a], source.ChunkShape[a]);
            if (perAxis[a].Count == 0)
            {
                return; // empty selection
            }
        }
        var tasks = Cartesian(perAxis);
        var outStrides = Strides(selection.Count.ToArray());
        var chunkStrides = Strides(source.ChunkShape);
        var chunkBytes = source.ChunkShape.Aggregate((long)elementSize, (a, b) => a * b);
        void Copy(Span1[] spans)
        {
            var coords = spans.Select(s => s.Block).ToArray();
            var dest = MemoryMarshal.AsBytes(output.AsSpan());
            if (IsWholeAndContiguous(spans, selection, source.ChunkShape)
                && source.TryReadChunkInto(coords, dest.Slice((int)(OutputOffset(spans, outStrides) * elementSize), (int)chunkBytes)))
            {
                return;
            }
            var chunk = source.GetChunk(coords);
            CopyBlock(chunk, dest, spans, selection, source.ChunkShape, chunkStrides, outStrides, elementSize);
        }
        if (tasks.Count == 1)
        {
            Copy(tasks[0]);
        }
        else
        {
            try
            {
                Parallel.ForEach(tasks, Copy);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // Callers expect the reader's own exception (e.g. Hdf5FormatException), not the wrapper.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                throw;
            }
        }
    }

    /// <summary>
    /// Whether a block lies wholly inside the selection (unit steps) and fills one contiguous run
    /// of the output: then its bytes, in block order, are exactly that run, and unfiltered storage
    /// can be read straight into the output.
    /// </summary>
    private static bool IsWholeAndContiguous(Span1[] spans, Hyperslab selection, long[] chunkShape)
    {
        var rank = spans.Length;
        for (var a = 0; a < rank; a++)
        {
            if (selection.Step[a] != 1 || spans[a].Count != chunkShape[a])
            {
                return false;
            }
        }
        var d = rank - 1;
        while (d >= 0 && spans[d].Count == selection.Count[d])
        {
            d--;
        }
        for (var a = 0; a < d; a++)
        {
            if (spans[a].Count != 1)
            {
                return false;
            }
        }
        return rank > 0;
    }

    private static long OutputOffset(Span1[] spans, long[] outStrides)
    {
        long offset = 0;
        for (var a = 0; a < spans.Length; a++)
        {
            offset += spans[a].First * outStrides[a];
        }
        return offset;
    }

    private static List<Span1> AxisSpans(long start, long count, long step, long chunk)
    {
        var spans = new List<Span1>();
        long k = 0;
        while (k < count)
        {
            long index = start + k * step;
            long block = index / chunk;
            long blockEnd = (block + 1) * chunk; // first index past this block
            long last = Math.Min(count - 1, (blockEnd - 1 - start) / step);
            spans.Add(new Span1(block, k, last - k + 1));
            k = last + 1;
        }
        return spans;
    }

    private static List<Span1[]> Cartesian(List<Span1>[] perAxis)
    {
        var result = new List<Span1[]> { Array.Empty<Span1>() };
        foreach (var axis in perAxis)
        {
            var next = new List<Span1[]>(result.Count * axis.Count);
            foreach (var prefix in result)
            {
                foreach (var s in axis)
                {
                    next.Add([.. prefix, s]);
                }
            }
            result = next;
        }
        return result;
    }

    private static long[] Strides(IReadOnlyList<long> shape)
    {
        var strides = new long[shape.Count];
        long s = 1;
        for (int i = shape.Count - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(1, shape[i]);
        }
        return strides;
    }

    private static void CopyBlock(byte[] chunk, Span<byte> dest, Span1[] spans, Hyperslab sel, long[] chunkShape,
        long[] chunkStrides, long[] outStrides, int es)
    {
        int rank = spans.Length;
        if (rank == 0)
        {
            chunk.AsSpan(0, es).CopyTo(dest);
            return;
        }
        var k = new long[rank];
        for (int a = 0; a < rank; a++)
        {
            k[a] = spans[a].First;
        }
        int last = rank - 1;
        long innerCount = spans[last].Count;
        long innerStep = sel.Step[last];
        while (true)
        {
            long src = 0, dst = 0;
            for (int a = 0; a < rank; a++)
            {
                long within = sel.Start[a] + k[a] * sel.Step[a] - spans[a].Block * chunkShape[a];
                src += within * chunkStrides[a];
                dst += k[a] * outStrides[a];
            }
            if (innerStep == 1)
            {
                chunk.AsSpan((int)(src * es), (int)(innerCount * es)).CopyTo(dest.Slice((int)(dst * es)));
            }
            else
            {
                for (long i = 0; i < innerCount; i++)
                {
                    chunk.AsSpan((int)((src + i * innerStep) * es), es).CopyTo(dest.Slice((int)((dst + i) * es)));
                }
            }
            // Advance the odometer over every axis but the innermost.
            int axis = last - 1;
            while (axis >= 0)
            {
                k[axis]++;
                if (k[axis] < spans[axis].First + spans[axis].Count)
                {
                    break;
                }
                k[axis] = spans[axis].First;
                axis--;
            }
            if (axis < 0)
            {
                return;
            }
        }
    }
}
