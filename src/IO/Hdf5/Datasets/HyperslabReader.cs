using System.Runtime.InteropServices;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Copies a hyperslab out of a blocked source. Each block that intersects the selection is
/// decoded once and copied into its own disjoint part of the output, so blocks are processed
/// in parallel without locking. Bytes stay in file order; the caller swaps them afterwards.
/// </summary>
internal static class HyperslabReader
{
    /// <summary>Runs shorter than this are copied out of a whole decoded chunk (one read, cached) instead of read one by one.</summary>
    private const long MinDirectRunBytes = 64 * 1024;

    /// <summary>On one axis: a block coordinate and the output index range [First, First+Count) it serves.</summary>
    private readonly record struct Span1(long Block, long First, long Count);

    /// <summary>
    /// Copies <paramref name="selection"/> of a dataset of <paramref name="shape"/> into
    /// <paramref name="output"/>. Memory: besides the output, each worker holds at most a stored
    /// chunk and one decode stage (pooled), and only chunks the selection uses in part go to the
    /// chunk cache (a later selection will likely need their other part; a chunk read whole is
    /// not read again by the same reader).
    /// </summary>
    public static void Read<T>(IChunkSource source, int elementSize, Hyperslab selection, ArraySegment<T> output, long[] shape)
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
        Span<byte> Bytes(long elements, long count) =>
            MemoryMarshal.AsBytes(output.AsSpan()).Slice((int)(elements * elementSize), (int)(count * elementSize));
        void CopyRuns(Span1[] spans, int runAxis, ReadOnlySpan<byte> chunk)
        {
            // ForEachRun's delegate cannot capture a span, so the chunk is passed as a pinned pointer.
            unsafe
            {
                fixed (byte* p = chunk)
                {
                    var at = (nint)p;
                    var length = chunk.Length;
                    ForEachRun(spans, selection, source.ChunkShape, chunkStrides, outStrides, Math.Max(0, runAxis),
                        (from, to, count) => new ReadOnlySpan<byte>((byte*)at, length)
                            .Slice((int)(from * elementSize), (int)(count * elementSize)).CopyTo(Bytes(to, count)));
                }
            }
        }
        void Copy(Span1[] spans)
        {
            var coords = spans.Select(s => s.Block).ToArray();
            var runAxis = RunAxis(spans, selection, source.ChunkShape);
            var partial = Partial(spans, source.ChunkShape, shape);
            long runBytes = runAxis < 0 ? chunkBytes
                : selection.Step[rank - 1] == 1 ? RunLength(spans, runAxis) * elementSize : elementSize;
            if (runAxis >= 0 && source.CanReadParts(coords) && (runBytes >= MinDirectRunBytes || runBytes == chunkBytes))
            {
                // Unfiltered storage: long runs go straight from the file into the output, with no
                // chunk buffer and no extra copy (a row band of a block reads only its rows).
                ForEachRun(spans, selection, source.ChunkShape, chunkStrides, outStrides, runAxis,
                    (from, to, count) => source.ReadPart(coords, from * elementSize, Bytes(to, count)));
                return;
            }
            if (source.TryGetCached(coords, out var cached))
            {
                CopyRuns(spans, runAxis, cached);
                return;
            }
            if (partial && source.Caches)
            {
                CopyRuns(spans, runAxis, source.GetChunk(coords));
                return;
            }
            if (runBytes == chunkBytes)
            {
                // The block is one run of the output: decode it in place.
                ForEachRun(spans, selection, source.ChunkShape, chunkStrides, outStrides, Math.Max(0, runAxis),
                    (from, to, count) => source.DecodeInto(coords, Bytes(to, count)));
                return;
            }
            using var scratch = ChunkBuffer.Rent(chunkBytes);
            source.DecodeInto(coords, scratch.Span);
            CopyRuns(spans, runAxis, scratch.Span);
        }
        if (tasks.Count == 1)
        {
            Copy(tasks[0]);
        }
        else
        {
            try
            {
                // One task per core: each holds a chunk's scratch, so more would only add memory.
                Parallel.ForEach(tasks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, Copy);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // Callers expect the reader's own exception (e.g. Hdf5FormatException), not the wrapper.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                throw;
            }
        }
    }

    /// <summary>Whether the selection uses only part of the block's elements that lie inside the dataset.</summary>
    private static bool Partial(Span1[] spans, long[] chunkShape, long[] shape)
    {
        for (int a = 0; a < spans.Length; a++)
        {
            long extent = Math.Min(chunkShape[a], shape[a] - spans[a].Block * chunkShape[a]);
            if (spans[a].Count < extent)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The outermost axis from which a block's selected part is one contiguous run in both the
    /// block and the output (unit steps, every axis after it whole in both): runs start at each
    /// index of the axes before it. The innermost axis when it has steps (runs of one element);
    /// -1 for scalars.
    /// </summary>
    private static int RunAxis(Span1[] spans, Hyperslab selection, long[] chunkShape)
    {
        var d = spans.Length - 1;
        if (d < 0 || selection.Step[d] != 1)
        {
            return d;
        }
        while (d > 0 && spans[d].Count == chunkShape[d] && spans[d].Count == selection.Count[d] && selection.Step[d - 1] == 1)
        {
            d--;
        }
        return d;
    }

    /// <summary>Elements per run from <paramref name="runAxis"/> (see <see cref="RunAxis"/>), unit steps.</summary>
    private static long RunLength(Span1[] spans, int runAxis)
    {
        long length = 1;
        for (var a = runAxis; a < spans.Length; a++)
        {
            length *= spans[a].Count;
        }
        return length;
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

    /// <summary>Copies one run: <c>count</c> elements from element <c>from</c> of the block to element <c>to</c> of the output.</summary>
    private delegate void RunCopy(long from, long to, long count);

    /// <summary>Every run of a block's selected part, from <paramref name="runAxis"/> inward (see <see cref="RunAxis"/>).</summary>
    private static void ForEachRun(Span1[] spans, Hyperslab sel, long[] chunkShape, long[] chunkStrides, long[] outStrides,
        int runAxis, RunCopy copy)
    {
        int rank = spans.Length;
        if (rank == 0)
        {
            copy(0, 0, 1);
            return;
        }
        var k = new long[rank];
        for (int a = 0; a < rank; a++)
        {
            k[a] = spans[a].First;
        }
        int last = rank - 1;
        long innerStep = sel.Step[last];
        long runLength = innerStep == 1 ? RunLength(spans, runAxis) : 1;
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
                copy(src, dst, runLength);
            }
            else
            {
                for (long i = 0; i < spans[last].Count; i++)
                {
                    copy(src + i * innerStep, dst + i, 1);
                }
            }
            // Advance the odometer over the axes before the run's.
            int axis = runAxis - 1;
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
