using System.Numerics;
using System.Runtime.InteropServices;
using Tessera.IO.Hdf5.Writing;

namespace Tessera.IO.Hdf5;

/// <summary>
/// One unfiltered chunk of a dataset being written, filled a band of rows (a range along axis 0)
/// at a time straight into its place in the file (<see cref="Hdf5DatasetWriter{T}.BeginChunkRows"/>).
/// The chunk joins the dataset's index when <see cref="Complete"/> is called; a chunk never
/// completed is left out of the index (its rows read as the fill value).
/// </summary>
/// <remarks>
/// Why: a producer that computes a chunk row band by row band (an elementwise kernel over a file
/// read in bands) then never holds the whole chunk: each band goes from a cache-sized buffer to the
/// file, where a block-sized buffer would be written to memory and read back once more.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public sealed class Hdf5ChunkRows<T> where T : unmanaged, INumberBase<T>
{
    private readonly Hdf5DatasetWriter<T> _dataset;
    private readonly long[] _chunkOffset;
    private readonly long _address;
    private readonly long _rows;
    private readonly long _rowBytes;
    private bool _completed;

    internal Hdf5ChunkRows(Hdf5DatasetWriter<T> dataset, long[] chunkOffset, long rows, long rowBytes, long address)
    {
        _dataset = dataset;
        _chunkOffset = chunkOffset;
        _rows = rows;
        _rowBytes = rowBytes;
        _address = address;
    }

    /// <summary>Rows in this chunk's block (the chunk's length on axis 0, clipped at the dataset's end).</summary>
    public long Rows => _rows;

    /// <summary>Writes <paramref name="values"/>, whole rows (row-major), as rows <paramref name="firstRow"/> onward of the chunk.</summary>
    public void Write(long firstRow, ReadOnlySpan<T> values)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        var bytes = MemoryMarshal.AsBytes(values);
        if (firstRow < 0 || bytes.Length % _rowBytes != 0 || firstRow + (bytes.Length / _rowBytes) > _rows)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRow),
                $"Rows {firstRow} + {bytes.Length / (double)_rowBytes} of a chunk of {_rows} rows ({_rowBytes} bytes each) do not fit; " +
                "write whole rows inside the chunk.");
        }
        _dataset.File.Space.Write(_address + (firstRow * _rowBytes), bytes);
    }

    /// <summary>Adds the chunk to the dataset's index: call once every row was written.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _completed = true;
        _dataset.AddChunk(_chunkOffset, _address);
    }
}
