namespace Tessera.DataFrames.Hashing;

/// <summary>
/// Interns byte keys (encoded row keys, see <see cref="RowKeys"/>) to dense ids 0..Count-1, in
/// first-seen order: an open-addressing table over a byte arena, so a lookup of a key already seen
/// allocates nothing. Group-bys, value counts, distinct counts, duplicates and joins all hash rows
/// through it.
/// </summary>
internal sealed class KeyTable
{
    private int[] _slots = new int[64];
    private int[] _hashes = new int[32];
    private int[] _offsets = new int[33];
    private byte[] _arena = new byte[1024];

    public int Count { get; private set; }

    /// <summary>The id of <paramref name="key"/>, adding it when new.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int GetOrAdd(ReadOnlySpan<byte> key)
    {
        var hash = Hash(key);
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return Add(key, hash, slot);
            }
            var id = entry - 1;
            if (_hashes[id] == hash && Key(id).SequenceEqual(key))
            {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// <summary>The id of <paramref name="key"/>, or -1 when absent.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Find(ReadOnlySpan<byte> key)
    {
        var hash = Hash(key);
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }
            var id = entry - 1;
            if (_hashes[id] == hash && Key(id).SequenceEqual(key))
            {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// <summary>The bytes of key <paramref name="id"/>.</summary>
    public ReadOnlySpan<byte> Key(int id) => _arena.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);

    private int Add(ReadOnlySpan<byte> key, int hash, int slot)
    {
        var id = Count;
        if (id + 1 >= _hashes.Length)
        {
            Array.Resize(ref _hashes, _hashes.Length * 2);
            Array.Resize(ref _offsets, (_offsets.Length * 2) - 1);
        }
        var start = _offsets[id];
        if (start + key.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(start + key.Length, _arena.Length * 2));
        }
        key.CopyTo(_arena.AsSpan(start));
        _offsets[id + 1] = start + key.Length;
        _hashes[id] = hash;
        _slots[slot] = id + 1;
        Count++;
        // Half full at most: probes stay short.
        if (Count * 2 > _slots.Length)
        {
            Rehash();
        }
        return id;
    }

    private void Rehash()
    {
        var slots = new int[_slots.Length * 2];
        var mask = slots.Length - 1;
        for (var id = 0; id < Count; id++)
        {
            var slot = _hashes[id] & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1;
        }
        _slots = slots;
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var hash = new HashCode();
        hash.AddBytes(key);
        return hash.ToHashCode() & int.MaxValue;
    }
}
