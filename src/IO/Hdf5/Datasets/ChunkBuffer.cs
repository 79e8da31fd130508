using System.Buffers;

namespace Tessera.IO.Hdf5;

/// <summary>
/// A chunk-sized scratch buffer rented from the shared pool and returned on dispose. Reads
/// rent one or two per worker thread (stored bytes, one filter stage) instead of allocating
/// fresh large-object arrays per chunk: a whole read then holds its output plus a few chunks
/// per thread, and the GC has no gigabytes of short-lived 8 MB arrays to chase (which is what
/// made peak memory 2-3x the output and timings swing by 8x).
/// </summary>
internal struct ChunkBuffer : IDisposable
{
    private byte[]? _array;

    private ChunkBuffer(byte[] array, int length)
    {
        _array = array;
        Length = length;
    }

    /// <summary>The usable length (the pooled array may be longer).</summary>
    public int Length { get; }

    public readonly Span<byte> Span => _array.AsSpan(0, Length);

    public readonly byte[] Array => _array ?? [];

    public static ChunkBuffer Rent(long length) =>
        new(ArrayPool<byte>.Shared.Rent(checked((int)length)), (int)length);

    public void Dispose()
    {
        if (_array is { } a)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(a);
        }
    }
}
