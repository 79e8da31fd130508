using Tessera.Bags.Streams;

namespace Tessera.Bags;

public sealed partial class Bag<T>
{
    /// <summary>The number of elements.</summary>
    public BagScalar<long> Count() =>
        ReduceToScalar("count", static (items, _) => CountOf(items), static parts => parts.Sum(), static n => n);

    /// <summary>The number of elements for which <paramref name="predicate"/> is true.</summary>
    public BagScalar<long> Count(Func<T, bool> predicate) => Where(predicate).Count();

    /// <summary>True when the bag has an element; each partition stops at its first.</summary>
    public BagScalar<bool> Any() =>
        ReduceToScalar("any", static (items, _) => items.Any(), static parts => parts.Contains(true), static b => b);

    /// <summary>True when some element satisfies <paramref name="predicate"/>; each partition stops at its first.</summary>
    public BagScalar<bool> Any(Func<T, bool> predicate) => Where(predicate).Any();

    /// <summary>True when every element satisfies <paramref name="predicate"/> (true for an empty bag).</summary>
    public BagScalar<bool> All(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Where(x => !predicate(x)).Any().Negated();
    }

    /// <summary>
    /// Folds each partition from <paramref name="seed"/> with <paramref name="func"/>, then merges the
    /// partitions' results with <paramref name="combine"/> in a tree (dask's <c>fold</c>).
    /// <paramref name="seed"/> starts every partition, so it must be a neutral value
    /// (0 for a sum); for a mutable accumulator use the overload taking a seed factory.
    /// </summary>
    public BagScalar<TAccumulate> Aggregate<TAccumulate>(TAccumulate seed, Func<TAccumulate, T, TAccumulate> func,
        Func<TAccumulate, TAccumulate, TAccumulate> combine) => Aggregate(() => seed, func, combine);

    /// <summary>As the other Aggregate, with a fresh accumulator from <paramref name="seed"/> per partition.</summary>
    public BagScalar<TAccumulate> Aggregate<TAccumulate>(Func<TAccumulate> seed, Func<TAccumulate, T, TAccumulate> func,
        Func<TAccumulate, TAccumulate, TAccumulate> combine)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(func);
        ArgumentNullException.ThrowIfNull(combine);
        return ReduceToScalar("aggregate", (items, partition) =>
        {
            var acc = seed();
            long index = 0;
            foreach (var item in items)
            {
                try
                {
                    acc = func(acc, item);
                }
                catch (Exception e)
                {
                    throw ElementStreams.Failure("Aggregate", partition, index, e);
                }
                index++;
            }
            return acc;
        }, parts =>
        {
            var acc = parts[0];
            for (var i = 1; i < parts.Count; i++)
            {
                acc = combine(acc, parts[i]);
            }
            return acc;
        }, static acc => acc);
    }

    /// <summary>
    /// dask's <c>reduction</c>: <paramref name="perPartition"/> turns each partition's stream into a
    /// value, and <paramref name="aggregate"/> turns the list of those values (in partition order)
    /// into the result.
    /// </summary>
    public BagScalar<TResult> Reduction<TPartial, TResult>(Func<IEnumerable<T>, TPartial> perPartition,
        Func<IReadOnlyList<TPartial>, TResult> aggregate)
    {
        ArgumentNullException.ThrowIfNull(perPartition);
        ArgumentNullException.ThrowIfNull(aggregate);
        // Partials are gathered as lists so the tree's combine only concatenates; the user's
        // aggregate sees them all once, in order.
        return ReduceToScalar<List<TPartial>, TResult>("reduction", (items, _) => [perPartition(items)],
            static parts => [.. parts.SelectMany(p => p)], list => aggregate(list));
    }

    /// <summary>The smallest element (by <see cref="Comparer{T}.Default"/>); an empty bag is an error, as in LINQ.</summary>
    public BagScalar<T> Min() => Extreme("min", -1);

    /// <summary>The largest element (by <see cref="Comparer{T}.Default"/>); an empty bag is an error, as in LINQ.</summary>
    public BagScalar<T> Max() => Extreme("max", 1);

    /// <summary>The smallest value of <paramref name="selector"/> over the elements.</summary>
    public BagScalar<TResult> Min<TResult>(Func<T, TResult> selector) => Select(selector).Min();

    /// <summary>The largest value of <paramref name="selector"/> over the elements.</summary>
    public BagScalar<TResult> Max<TResult>(Func<T, TResult> selector) => Select(selector).Max();

    private BagScalar<T> Extreme(string kind, int sign)
    {
        var comparer = Comparer<T>.Default;
        return ReduceToScalar<(bool Has, T Value), T>(kind, (items, _) =>
        {
            (bool Has, T Value) best = default;
            foreach (var item in items)
            {
                if (item is null)
                {
                    continue; // as LINQ's Min/Max over references: nulls are skipped
                }
                if (!best.Has || Math.Sign(comparer.Compare(item, best.Value)) == sign)
                {
                    best = (true, item);
                }
            }
            return best;
        }, parts =>
        {
            (bool Has, T Value) best = default;
            foreach (var part in parts)
            {
                if (part.Has && (!best.Has || Math.Sign(comparer.Compare(part.Value, best.Value)) == sign))
                {
                    best = part;
                }
            }
            return best;
        }, best => best.Has || default(T) is null ? best.Value
            : throw new InvalidOperationException($"{(sign < 0 ? "Min" : "Max")} of an empty bag: the bag has no elements. Check with Any() first, or filter less."));
    }

    private static long CountOf(IEnumerable<T> items)
    {
        if (items is ICollection<T> collection)
        {
            return collection.Count;
        }
        long n = 0;
        using var e = items.GetEnumerator();
        while (e.MoveNext())
        {
            n++;
        }
        return n;
    }
}

/// <summary>Small helpers over lazy values.</summary>
internal static class BagScalarExtensions
{
    public static BagScalar<bool> Negated(this BagScalar<bool> value) => value.Then(static b => !b);
}
