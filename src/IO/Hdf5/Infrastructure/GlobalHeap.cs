using System.Collections.Concurrent;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Global heap collections ("GCOL") hold variable-length data (strings, sequences). A heap id
/// is (collection address, object index). Collections are decoded once and cached.
/// </summary>
internal sealed class GlobalHeapCache
{
    private const string Structure = "global heap collection";
    private readonly Hdf5Context _ctx;
    private readonly ConcurrentDictionary<long, Dictionary<int, byte[]>> _collections = new();

    public GlobalHeapCache(Hdf5Context ctx) => _ctx = ctx;

    public byte[] Get(long collectionAddress, int index)
    {
        var objects = _collections.GetOrAdd(collectionAddress, Load);
        if (!objects.TryGetValue(index, out var data))
        {
            throw new Hdf5FormatException(Structure, collectionAddress,
                $"has no object with index {index}; the variable-length reference is dangling.");
        }
        return data;
    }

    private Dictionary<int, byte[]> Load(long address)
    {
        var header = _ctx.Read(address, 8 + _ctx.LengthSize, Structure);
        var hc = _ctx.Cursor(header, address, Structure);
        hc.Signature("GCOL");
        int version = hc.U8();
        if (version != 1)
        {
            throw hc.Fail($"version {version} found; global heap collections are version 1.");
        }
        hc.Skip(3);
        long size = _ctx.CheckSize(hc.LengthField(), Structure, hc.FileOffset);
        var block = _ctx.Read(address, Math.Max(size, header.Length), Structure);
        var c = _ctx.Cursor(block, address, Structure);
        c.Position = header.Length;
        var objects = new Dictionary<int, byte[]>();
        while (c.Remaining >= 8 + _ctx.LengthSize)
        {
            int index = c.U16();
            c.Skip(6); // reference count, reserved
            long objectSize = c.LengthField();
            if (index == 0)
            {
                break; // free space: the rest of the collection is unused
            }
            if (objectSize > c.Remaining)
            {
                throw c.Fail($"object {index} declares {objectSize} bytes but only {c.Remaining} remain in the collection.");
            }
            objects[index] = c.Bytes((int)objectSize).ToArray();
            c.AlignTo(8);
        }
        return objects;
    }
}
