using System.Buffers;

namespace Tessera.DataFrames.Indexing;

/// <summary>
/// A stable least-significant-digit radix sort of 64-bit order keys that carries each key's row
/// index along. A partition's sort by its index (SetIndex, SortValues) was a comparison sort of
/// keys with items, then a pass to restore row order among ties; this does the same in six
/// counting passes of 11 bits, skips the passes whose digit is the same for every key (the high
/// bits of keys from a narrow range), and needs no tie pass, since each pass keeps the order of
/// equal digits.
/// </summary>
internal static class RadixArgSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = (64 + DigitBits - 1) / DigitBits;

    /// <summary>Below this, a comparison sort is as quick and needs no scratch.</summary>
    public const int MinimumLength = 2048;

    /// <summary>Sorts <paramref name="keys"/> ascending (as signed numbers) and applies the same moves to <paramref name="order"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Sort(long[] keys, int[] order)
    {
        var n = keys.Length;
        var counts = new int[Passes * Buckets];
        foreach (var key in keys)
        {
            var bits = Unsigned(key);
            for (var p = 0; p < Passes; p++)
            {
                counts[(p * Buckets) + (int)((bits >> (p * DigitBits)) & (Buckets - 1))]++;
            }
        }
        var keyScratch = ArrayPool<long>.Shared.Rent(n);
        var orderScratch = ArrayPool<int>.Shared.Rent(n);
        try
        {
            var (fromKeys, fromOrder, toKeys, toOrder) = (keys, order, keyScratch, orderScratch);
            for (var p = 0; p < Passes; p++)
            {
                var histogram = counts.AsSpan(p * Buckets, Buckets);
                var shift = p * DigitBits;
                if (histogram[(int)((Unsigned(keys[0]) >> shift) & (Buckets - 1))] == n)
                {
                    continue; // every key has this digit: the pass would move nothing
                }
                var running = 0;
                for (var b = 0; b < Buckets; b++)
                {
                    (histogram[b], running) = (running, running + histogram[b]);
                }
                for (var i = 0; i < n; i++)
                {
                    var key = fromKeys[i];
                    var at = histogram[(int)((Unsigned(key) >> shift) & (Buckets - 1))]++;
                    toKeys[at] = key;
                    toOrder[at] = fromOrder[i];
                }
                (fromKeys, fromOrder, toKeys, toOrder) = (toKeys, toOrder, fromKeys, fromOrder);
            }
            if (!ReferenceEquals(fromKeys, keys))
            {
                fromKeys.AsSpan(0, n).CopyTo(keys);
                fromOrder.AsSpan(0, n).CopyTo(order);
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(keyScratch);
            ArrayPool<int>.Shared.Return(orderScratch);
        }
    }

    // Flipping the sign bit makes signed order unsigned order.
    private static ulong Unsigned(long key) => (ulong)key ^ 0x8000_0000_0000_0000UL;
}
