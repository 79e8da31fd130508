using System.Buffers;
using System.Runtime.InteropServices;

namespace Tessera.DataFrames.Columns;

/// <summary>
/// A managed <typeparamref name="T"/>[] seen as bytes, so an Arrow buffer can wrap what a kernel
/// wrote without copying it.
/// </summary>
internal sealed class ArrayMemory<T>(T[] array, int length) : MemoryManager<byte> where T : unmanaged
{
    private GCHandle _handle;

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(array.AsSpan(0, length));

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        if (!_handle.IsAllocated)
        {
            _handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        }
        var start = (byte*)_handle.AddrOfPinnedObject() + elementIndex;
        return new MemoryHandle(start, default, this);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (_handle.IsAllocated)
        {
            _handle.Free();
        }
    }
}
