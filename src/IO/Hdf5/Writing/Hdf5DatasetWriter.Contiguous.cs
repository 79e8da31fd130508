using System.Numerics;
using System.Runtime.InteropServices;

namespace Tessera.IO.Hdf5;

public sealed partial class Hdf5DatasetWriter<T>
{
    /// <summary>
    /// Positional writes of the block's rows. Trailing axes the block covers completely are
    /// merged into one run, so a block of whole rows is a single write.
    /// </summary>
    private void WriteContiguous(long[] offset, long[] blockShape, ReadOnlySpan<T> data)
    {
        var rank = Shape.Count;
        if (data.IsEmpty)
        {
            return;
        }
        // run = elements written per positional write; outer axes are iterated.
        var inner = rank;
        long run = 1;
        while (inner > 0)
        {
            run *= blockShape[inner - 1];
            inner--;
            if (blockShape[inner] != Shape[inner])
            {
                break;
            }
        }
        var strides = new long[rank];
        strides[rank - 1] = 1;
        for (var d = rank - 2; d >= 0; d--)
        {
            strides[d] = strides[d + 1] * Shape[d + 1];
        }
        var bytes = MemoryMarshal.AsBytes(data);
        var runBytes = (int)(run * ElementSize);
        var index = new long[inner];
        for (long written = 0; written < data.Length; written += run)
        {
            long element = 0;
            for (var d = 0; d < rank; d++)
            {
                element += (offset[d] + (d < inner ? index[d] : 0)) * strides[d];
            }
            File.Space.Write(_dataAddress + (element * ElementSize), bytes.Slice((int)(written * ElementSize), runBytes));
            for (var d = inner - 1; d >= 0 && ++index[d] == blockShape[d]; d--)
            {
                index[d] = 0;
            }
        }
    }
}
