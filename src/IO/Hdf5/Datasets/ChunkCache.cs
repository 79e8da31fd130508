namespace Tessera.IO.Hdf5;

/// <summary>
/// Least-recently-used cache of decoded chunks, bounded in bytes. The lock only guards the
/// bookkeeping; reading and decompressing happen outside it, so threads decode in parallel
/// (two threads missing on the same chunk may both decode it, which is harmless).
/// </summary>
internal sealed class ChunkCache
{
    private readonly long _capacity;
    private readonly Dictionary<(long, long), LinkedListNode<Entry>> _map = new();
    private readonly LinkedList<Entry> _order = new();
    private readonly Lock _lock = new();
    private long _size;

    private sealed record Entry((long, long) Key, byte[] Data);

    public ChunkCache(long capacityBytes) => _capacity = Math.Max(0, capacityBytes);

    public long SizeBytes
    {
        get
        {
            lock (_lock)
            {
                return _size;
            }
        }
    }

    /// <summary>Key: (owner address, chunk address), so datasets never share entries by accident.</summary>
    public bool TryGet((long, long) key, out byte[] data)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                data = node.Value.Data;
                return true;
            }
        }
        data = [];
        return false;
    }

    /// <summary>A chunk bigger than half the cache would evict everything for one use; such chunks are not kept.</summary>
    public bool Accepts(long bytes) => bytes <= _capacity / 2;

    public void Add((long, long) key, byte[] data)
    {
        if (!Accepts(data.Length))
        {
            return;
        }
        lock (_lock)
        {
            if (_map.ContainsKey(key))
            {
                return;
            }
            var node = _order.AddFirst(new Entry(key, data));
            _map[key] = node;
            _size += data.Length;
            while (_size > _capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _map.Remove(last.Value.Key);
                _size -= last.Value.Data.Length;
            }
        }
    }
}
