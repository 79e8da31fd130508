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

    /// <summary>
    /// Writes <paramref name="values"/> into as many collections as they need (an index is 16
    /// bits, and collections are kept near 1 MiB so a reader loads little it does not use);
    /// returns each value's (length, collection address, index).
    /// </summary>
    public static List<(int Length, long Collection, int Index)> WriteAll(FileSpace file, IReadOnlyList<byte[]> values)
    {
        var result = new List<(int, long, int)>(values.Count);
        var collection = new GlobalHeapCollection();
        var pending = new List<int>();
        long bytes = 0;
        void Flush()
        {
            if (collection.Count == 0)
            {
                return;
            }
            long address = collection.Write(file);
            for (int k = 0; k < pending.Count; k++)
            {
                result.Add((values[pending[k]].Length, address, k + 1));
            }
            collection = new GlobalHeapCollection();
            pending.Clear();
            bytes = 0;
        }
        for (int i = 0; i < values.Count; i++)
        {
            if (collection.Count == ushort.MaxValue || bytes > 1 << 20)
            {
                Flush();
            }
            collection.Add(values[i]);
            pending.Add(i);
            bytes += values[i].Length + 16;
        }
        Flush();
        return result;
    }
}
