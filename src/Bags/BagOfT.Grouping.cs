using System.Runtime.InteropServices;
using Tessera.Bags.Streams;

namespace Tessera.Bags;

// Frequencies counts elements in a dictionary keyed by T, which may be a nullable type; null
// elements are rejected before they reach it, so the notnull constraint holds at run time.
#pragma warning disable CS8714

public sealed partial class Bag<T>
{
    /// <summary>
    /// How often each distinct element occurs, as one partition of (element, count) pairs in no
    /// particular order. Counted per partition, then merged in a tree. Null elements are an error.
    /// </summary>
    public Bag<(T Key, long Count)> Frequencies() =>
        ReduceToBag<Dictionary<T, long>, (T Key, long Count)>("frequencies", static (items, partition) =>
        {
            var counts = new Dictionary<T, long>();
            long index = 0;
            foreach (var item in items)
            {
                if (item is null)
                {
                    throw NullKey("Frequencies", partition, index);
                }
                CollectionsMarshal.GetValueRefOrAddDefault(counts, item, out _)++;
                index++;
            }
            return counts;
        }, static parts => Merge(parts, static (a, b) => a + b, false, 0L), static counts => counts.Select(p => (p.Key, p.Value)));

    /// <summary>
    /// dask's <c>foldby</c>: per partition, folds the elements of each key (from
    /// <paramref name="keySelector"/>) with <paramref name="binop"/> starting at
    /// <paramref name="initial"/>; then merges the partitions' values of each key with
    /// <paramref name="combine"/> in a tree. One partition of (key, value) pairs, in no particular order.
    /// </summary>
    public Bag<(TKey Key, TValue Value)> FoldBy<TKey, TValue>(Func<T, TKey> keySelector, Func<TValue, T, TValue> binop,
        TValue initial, Func<TValue, TValue, TValue> combine) where TKey : notnull =>
        FoldByCore(keySelector, binop, initial, combine, hasCombineInitial: false, default!);

    /// <summary>
    /// As the other FoldBy; the merge of each key starts from <paramref name="combineInitial"/>
    /// (dask's <c>combine_initial</c>) instead of the first partition's value.
    /// </summary>
    public Bag<(TKey Key, TValue Value)> FoldBy<TKey, TValue>(Func<T, TKey> keySelector, Func<TValue, T, TValue> binop,
        TValue initial, Func<TValue, TValue, TValue> combine, TValue combineInitial) where TKey : notnull =>
        FoldByCore(keySelector, binop, initial, combine, hasCombineInitial: true, combineInitial);

    private Bag<(TKey Key, TValue Value)> FoldByCore<TKey, TValue>(Func<T, TKey> keySelector, Func<TValue, T, TValue> binop,
        TValue initial, Func<TValue, TValue, TValue> combine, bool hasCombineInitial, TValue combineInitial) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        ArgumentNullException.ThrowIfNull(binop);
        ArgumentNullException.ThrowIfNull(combine);
        return ReduceToBag<Dictionary<TKey, TValue>, (TKey Key, TValue Value)>("foldby", (items, partition) =>
        {
            var values = new Dictionary<TKey, TValue>();
            long index = 0;
            foreach (var item in items)
            {
                try
                {
                    var key = keySelector(item) ?? throw NullKey("FoldBy", partition, index);
                    ref var value = ref CollectionsMarshal.GetValueRefOrAddDefault(values, key, out var exists);
                    value = binop(exists ? value! : initial, item);
                }
                catch (Exception e)
                {
                    throw ElementStreams.Failure("FoldBy", partition, index, e);
                }
                index++;
            }
            return values;
        }, parts => Merge(parts, combine, hasCombineInitial, combineInitial), static values => values.Select(p => (p.Key, p.Value)));
    }

    /// <summary>
    /// The <paramref name="k"/> elements with the largest <paramref name="keySelector"/> values,
    /// largest first (dask's <c>topk</c>), as one partition. Ties are broken arbitrarily.
    /// </summary>
    public Bag<T> TopK<TKey>(int k, Func<T, TKey> keySelector)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentNullException.ThrowIfNull(keySelector);
        var comparer = Comparer<TKey>.Default;
        return ReduceToBag<List<(TKey Key, T Item)>, T>("topk", (items, partition) =>
        {
            // A min-heap of the k best so far: each element costs one compare with the smallest.
            var heap = new PriorityQueue<(TKey Key, T Item), TKey>(k + 1, comparer);
            long index = 0;
            foreach (var item in items)
            {
                TKey key;
                try
                {
                    key = keySelector(item);
                }
                catch (Exception e)
                {
                    throw ElementStreams.Failure("TopK key", partition, index, e);
                }
                index++;
                if (heap.Count < k)
                {
                    heap.Enqueue((key, item), key);
                }
                else if (k > 0 && comparer.Compare(key, heap.Peek().Key) > 0)
                {
                    heap.EnqueueDequeue((key, item), key);
                }
            }
            return [.. heap.UnorderedItems.Select(e => e.Element)];
        }, parts =>
        {
            var all = parts.SelectMany(p => p).ToList();
            all.Sort((a, b) => comparer.Compare(b.Key, a.Key));
            return all.Count > k ? all.GetRange(0, k) : all;
        }, static best => best.Select(b => b.Item));
    }

    /// <summary>The distinct elements, in order of first appearance (as LINQ's Distinct), as one partition.</summary>
    public Bag<T> Distinct() =>
        ReduceToBag<List<T>, T>("distinct", static (items, _) => [.. items.Distinct()],
            static parts => [.. parts.SelectMany(p => p).Distinct()], static items => items);

    /// <summary>
    /// One level of dask's foldby aggregate: per key, the values of the parts in order folded with
    /// <paramref name="combine"/>, from <paramref name="initial"/> when given, else from the first value.
    /// </summary>
    private static Dictionary<TKey, TValue> Merge<TKey, TValue>(List<Dictionary<TKey, TValue>> parts,
        Func<TValue, TValue, TValue> combine, bool hasInitial, TValue initial) where TKey : notnull
    {
        if (parts.Count == 1 && !hasInitial)
        {
            return parts[0];
        }
        var target = new Dictionary<TKey, TValue>(parts.Max(p => p.Count));
        foreach (var part in parts)
        {
            foreach (var (key, value) in part)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(target, key, out var exists);
                slot = exists ? combine(slot!, value) : hasInitial ? combine(initial, value) : value;
            }
        }
        return target;
    }

    private static ArgumentException NullKey(string operation, int partition, long index) =>
        new($"{operation} got a null key at element {index} of partition {partition}. Keys must not be null: " +
            "map nulls to a value first (e.g. Select(x => x ?? \"\")).");
}
