using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// Blocks of a row-major array in memory (<c>FromArray</c>, and <c>FromTensor</c> over the tensor's own array) handed out without copying: a region
/// that is one contiguous window of the array (row chunks, or any block whole on every axis after
/// its first long one) is a <see cref="CpuBuffer{T}"/> view at an offset; any other region is
/// gathered into a fresh block when it is a task of its own, and handed as a strided view to a
/// consumer that reads it inside its own task (a reduction), which reads it in place run by run
/// or gathers one tile (a few thousand elements) at a time, never the block.
/// </summary>
/// <remarks>
/// Views alias the caller's array: nothing may write into a block of a source layer (elementwise
/// tasks allocate or are placed into their outputs; no kernel writes into an input).
/// </remarks>
internal static class ArrayViews
{
    /// <summary>
    /// Whether the region at <paramref name="start"/> of <paramref name="region"/> is contiguous in
    /// a row-major array of <paramref name="shape"/>, and if so where it starts.
    /// </summary>
    public static bool IsContiguous(long[] shape, long[] start, int[] region, out long offset)
    {
        offset = 0;
        var stride = 1L;
        var whole = true; // every axis after this one is taken whole
        var contiguous = true;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            offset += start[d] * stride;
            stride *= shape[d];
            // An axis may be partial only if every later one is whole; once an axis is
            // partial, every earlier axis must hold a single index.
            if (!whole && region[d] != 1)
            {
                contiguous = false;
            }
            whole &= region[d] == shape[d];
        }
        if (region.Any(r => r == 0))
        {
            offset = 0; // an empty view: any offset within the array will do
            return true;
        }
        return contiguous;
    }

    /// <summary>
    /// The block at <paramref name="start"/> of <paramref name="region"/> of the array of
    /// <paramref name="shape"/> held in <paramref name="values"/> from <paramref name="origin"/>:
    /// a view when contiguous, else a copy of its own.
    /// </summary>
    public static CpuBuffer<T> Block<T>(T[] values, int origin, long[] shape, long[] start, int[] region) where T : unmanaged
    {
        if (IsContiguous(shape, start, region, out var offset))
        {
            return CpuBuffer.Wrap(values, origin + (int)offset, region);
        }
        var block = (CpuBuffer<T>)CpuBuffer.Allocate(DTypes.Of<T>(), region);
        BlockCopy.Region(CpuBuffer.Wrap(values, origin, BlockShapes.ToInt(shape)), new long[shape.Length], block, start);
        return block;
    }

    /// <summary>
    /// The region for a consumer's own task, never copied: a view at an offset when contiguous,
    /// else a strided view (the array's row-major strides), which the consumer reads through the
    /// fused reader a run or a tile at a time. Nothing is borrowed, so <paramref name="reuse"/> is unused.
    /// </summary>
    public static (CpuBuffer Block, Array? Borrowed) Read<T>(T[] values, int origin, long[] shape, long[] start, int[] region, Array? reuse)
        where T : unmanaged
    {
        if (IsContiguous(shape, start, region, out var offset))
        {
            return (CpuBuffer.Wrap(values, origin + (int)offset, region), null);
        }
        var strides = RowMajorStrides(shape);
        var first = (long)origin;
        for (var d = 0; d < shape.Length; d++)
        {
            first += start[d] * strides[d];
        }
        return (CpuBuffer.View(values, (int)first, region, strides), null);
    }

    /// <summary>Element strides of a row-major array of <paramref name="shape"/>.</summary>
    public static long[] RowMajorStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        var stride = 1L;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }
}
