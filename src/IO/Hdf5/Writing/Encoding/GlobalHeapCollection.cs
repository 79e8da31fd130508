namespace Tessera.IO.Hdf5.Writing;

/// <summary>
/// A global heap collection (GCOL) holding variable-length values (here: UTF-8 attribute
/// strings). Objects are numbered from 1; the collection is at least 4096 bytes and ends
/// with the free-space object (index 0) whose size covers the rest, header included.
/// </summary>
internal sealed class GlobalHeapCollection
{
    private const int MinimumSize = 4096;
    private const int HeaderSize = 16;
    private readonly List<byte[]> _objects = [];

    /// <summary>Address of the collection once written.</summary>
    public long Address { get; private set; } = -1;

    public int Count => _objects.Count;

    /// <summary>Adds a value; returns its 1-based index in this collection.</summary>
    public int Add(byte[] value)
    {
        _objects.Add(value);
        return _objects.Count;
    }

    /// <summary>Writes the collection and returns its address.</summary>
    public long Write(FileSpace file)
    {
        var m = new MetadataBuffer();
        m.Ascii("GCOL").U8(1).Zeros(3).U64(0L); // size patched below
        for (var i = 0; i < _objects.Count; i++)
        {
            m.U16(i + 1).U16(1).U32(0).U64(_objects[i].Length).Bytes(_objects[i]).PadTo(8);
        }
        var used = m.Length + HeaderSize; // room for the free-space object's header
        var size = Math.Max(MinimumSize, (used + 7) & ~7);
        var free = size - m.Length;
        m.U16(0).U16(0).U32(0).U64(free).Zeros(free - HeaderSize);
        var bytes = m.ToArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(8, 8), (long)size);
        Address = file.Append(bytes);
        return Address;
    }
}
