using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;

namespace Tessera.IO.Csv;

/// <summary>
/// A block's string column as codes into the distinct values met so far (a hash table over their
/// UTF-8 bytes): each row costs a hash and one compare, no string copy, and the column is then a
/// <see cref="Parquet.DictionaryStringArray"/>, so a group-by and a comparison with a value work on
/// small codes instead of strings (<c>names</c> in the tutorial's accounts has 26 values). A column
/// with many distinct values gains nothing from codes: <see cref="TryAdd"/> refuses once the
/// values outnumber <see cref="MinDistinct"/> and an eighth of the rows, and the builder goes on
/// writing plain strings.
/// </summary>
internal sealed class CsvStringCodes
{
    /// <summary>Distinct values always allowed before the share of distinct rows is checked.</summary>
    public const int MinDistinct = 4096;

    private int[] _codes;
    private byte[] _bytes = new byte[256];
    // The distinct values' Arrow offsets into _bytes: value i is _bytes[_offsets[i].._offsets[i + 1]].
    private int[] _offsets = new int[65];
    // Open addressing: value number + 1, 0 for an empty slot; at most half full.
    private int[] _slots = new int[64];
    // Each value's words (see Words), compared before its bytes.
    private ulong[] _low = new ulong[64];
    private ulong[] _high = new ulong[64];
    private int[] _lengths = new int[64];
    private int _distinct;

    public CsvStringCodes(int rows) => _codes = GC.AllocateUninitializedArray<int>(Math.Max(16, rows));

    /// <summary>The number of distinct values.</summary>
    public int Distinct => _distinct;

    /// <summary>Row <paramref name="row"/>'s code.</summary>
    public int CodeAt(int row) => _codes[row];

    /// <summary>The bytes of distinct value <paramref name="code"/>.</summary>
    public ReadOnlySpan<byte> Value(int code) => _bytes.AsSpan(_offsets[code], _offsets[code + 1] - _offsets[code]);

    /// <summary>
    /// Sets row <paramref name="row"/> to <paramref name="field"/>'s code, adding the value when new;
    /// false (nothing changed) when a new value would make the column too varied for codes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAdd(ReadOnlySpan<byte> field, int row)
    {
        var n = field.Length;
        if (n > 16 || (uint)row >= (uint)_codes.Length)
        {
            return TryAddSlow(field, row);
        }
        // Up to 16 bytes the length and the two words are the value: three compares, no byte loop.
        var (low, high) = Words(field);
        var slots = _slots;
        var mask = slots.Length - 1;
        var slot = (int)Hash(low, high, n) & mask;
        while (true)
        {
            var entry = slots[slot];
            if (entry == 0)
            {
                return TryInsert(field, row, slot, low, high);
            }
            var code = entry - 1;
            if (_low[code] == low && _high[code] == high && _lengths[code] == n)
            {
                _codes[row] = code;
                return true;
            }
            slot = (slot + 1) & mask;
        }
    }

    // Values over 16 bytes (their words do not hold every byte) and rows past the codes' capacity.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryAddSlow(ReadOnlySpan<byte> field, int row)
    {
        var (low, high) = Words(field);
        var mask = _slots.Length - 1;
        var slot = (int)(Hash(low, high, field.Length) ^ LongHash(field)) & mask;
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return TryInsert(field, row, slot, low, high);
            }
            var code = entry - 1;
            if (_low[code] == low && _high[code] == high && _lengths[code] == field.Length && Value(code).SequenceEqual(field))
            {
                Set(row, code);
                return true;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Sets a null row's code (any valid code; its value is never read).</summary>
    public void SetNull(int row) => Set(row, 0);

    /// <summary>The codes of the first <paramref name="rows"/> rows, exactly that long.</summary>
    public int[] Codes(int rows)
    {
        if (_codes.Length != rows)
        {
            System.Array.Resize(ref _codes, rows);
        }
        return _codes;
    }

    /// <summary>The distinct values as an Arrow string array, in code order.</summary>
    public StringArray Dictionary()
    {
        var offsets = MemoryMarshal.AsBytes(_offsets.AsSpan(0, _distinct + 1)).ToArray();
        return new StringArray(_distinct, new ArrowBuffer(offsets), new ArrowBuffer(_bytes.AsMemory(0, _offsets[_distinct])), ArrowBuffer.Empty, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Set(int row, int code)
    {
        if ((uint)row >= (uint)_codes.Length)
        {
            System.Array.Resize(ref _codes, Math.Max(row + 1, _codes.Length * 2));
        }
        _codes[row] = code;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryInsert(ReadOnlySpan<byte> field, int row, int slot, ulong low, ulong high)
    {
        if (_distinct >= MinDistinct && _distinct >= row / 8)
        {
            return false;
        }
        var start = _offsets[_distinct];
        if (start + field.Length > _bytes.Length)
        {
            System.Array.Resize(ref _bytes, Math.Max(start + field.Length, _bytes.Length * 2));
        }
        field.CopyTo(_bytes.AsSpan(start));
        if (_distinct + 2 > _offsets.Length)
        {
            System.Array.Resize(ref _offsets, _offsets.Length * 2);
        }
        if (_distinct + 1 > _low.Length)
        {
            System.Array.Resize(ref _low, _low.Length * 2);
            System.Array.Resize(ref _high, _high.Length * 2);
            System.Array.Resize(ref _lengths, _lengths.Length * 2);
        }
        _offsets[_distinct + 1] = start + field.Length;
        _low[_distinct] = low;
        _high[_distinct] = high;
        _lengths[_distinct] = field.Length;
        _slots[slot] = ++_distinct;
        Set(row, _distinct - 1);
        if (_distinct * 2 > _slots.Length)
        {
            Rehash();
        }
        return true;
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var code = 0; code < _distinct; code++)
        {
            var value = Value(code);
            var slot = (int)(Hash(_low[code], _high[code], value.Length) ^ (value.Length > 16 ? LongHash(value) : 0)) & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            _slots[slot] = code + 1;
        }
    }

    // A value's bytes as two words: up to 16 bytes, two overlapping reads (first and last 8, or
    // first and last 4, or each byte), which with the length determine the value; longer values
    // keep their first and last 8 bytes here and are compared in full.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Low, ulong High) Words(ReadOnlySpan<byte> field)
    {
        ref var b = ref MemoryMarshal.GetReference(field);
        var n = field.Length;
        if (n >= 8)
        {
            return (Unsafe.ReadUnaligned<ulong>(ref b), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, n - 8)));
        }
        if (n >= 4)
        {
            return (Unsafe.ReadUnaligned<uint>(ref b), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, n - 4)));
        }
        ulong low = 0;
        for (var i = 0; i < n; i++)
        {
            low |= (ulong)Unsafe.Add(ref b, i) << (8 * i);
        }
        return (low, 0);
    }

    // The multiply's high bits feed the slot, so every bit of the words counts.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ulong low, ulong high, int length) =>
        (uint)(((low ^ System.Numerics.BitOperations.RotateLeft(high, 29) ^ (ulong)length) * 0x9E3779B97F4A7C15UL) >> 32);

    // Values over 16 bytes also hash their middle, which their two words do not hold.
    private static uint LongHash(ReadOnlySpan<byte> field)
    {
        var h = new HashCode();
        h.AddBytes(field);
        return (uint)h.ToHashCode();
    }
}
