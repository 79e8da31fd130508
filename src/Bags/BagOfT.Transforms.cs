using Tessera.Bags.Plan;
using Tessera.Bags.Streams;

namespace Tessera.Bags;

public sealed partial class Bag<T>
{
    /// <summary>Each element mapped by <paramref name="selector"/> (dask's <c>map</c>). Fuses with its neighbours into one task per partition.</summary>
    public Bag<TResult> Select<TResult>(Func<T, TResult> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Stream("select", (items, partition) => ElementStreams.Select(items, selector, partition));
    }

    /// <summary>The elements for which <paramref name="predicate"/> is true (dask's <c>filter</c>).</summary>
    public Bag<T> Where(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Stream("where", (items, partition) => ElementStreams.Where(items, predicate, partition));
    }

    /// <summary>The elements of every sequence <paramref name="selector"/> returns (dask's <c>map</c> then <c>flatten</c>).</summary>
    public Bag<TResult> SelectMany<TResult>(Func<T, IEnumerable<TResult>> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return SelectMany(selector, static (_, inner) => inner);
    }

    /// <summary>
    /// For each element, <paramref name="resultSelector"/> of it and each element of its sequence:
    /// the shape a query with two <c>from</c> clauses compiles to.
    /// </summary>
    public Bag<TResult> SelectMany<TCollection, TResult>(Func<T, IEnumerable<TCollection>> collectionSelector,
        Func<T, TCollection, TResult> resultSelector)
    {
        ArgumentNullException.ThrowIfNull(collectionSelector);
        ArgumentNullException.ThrowIfNull(resultSelector);
        return Stream("select-many",
            (items, partition) => SelectManyStream.Flatten(items, collectionSelector, resultSelector, partition));
    }

    /// <summary>
    /// <paramref name="function"/> applied to each whole partition's stream (dask's
    /// <c>map_partitions</c>); it receives the partition's elements and returns the new ones.
    /// </summary>
    public Bag<TResult> MapPartitions<TResult>(Func<IEnumerable<T>, IEnumerable<TResult>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Stream("map-partitions", (items, partition) => MapPartition(function, items, partition));
    }

    /// <summary>Pairs of this bag's and <paramref name="other"/>'s elements, partition by partition; both must be partitioned alike.</summary>
    public Bag<(T First, TOther Second)> Zip<TOther>(Bag<TOther> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Partitions != Partitions)
        {
            throw new ArgumentException(
                $"Zip needs bags with the same partitions; this one has {Partitions} and the other {other.Partitions}. " +
                "Zip bags derived from one bag, or Repartition them alike (equal partition lengths are also needed).", nameof(other));
        }
        return new(new ZipNode<T, TOther>(Node, other.Node));
    }

    /// <summary>
    /// An inner join with a small in-memory sequence <paramref name="inner"/> (read once, now, and
    /// sent to every partition): for each element and each inner element with an equal key,
    /// <paramref name="resultSelector"/> of the two, in this bag's order as LINQ's Join. The shape a
    /// <c>join … in … on … equals …</c> clause compiles to.
    /// </summary>
    public Bag<TResult> Join<TInner, TKey, TResult>(IEnumerable<TInner> inner, Func<T, TKey> outerKeySelector,
        Func<TInner, TKey> innerKeySelector, Func<T, TInner, TResult> resultSelector)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(outerKeySelector);
        ArgumentNullException.ThrowIfNull(innerKeySelector);
        ArgumentNullException.ThrowIfNull(resultSelector);
        var lookup = inner.ToLookup(innerKeySelector);
        return SelectMany(item => lookup[outerKeySelector(item)], resultSelector);
    }

    private static IEnumerable<TResult> MapPartition<TResult>(Func<IEnumerable<T>, IEnumerable<TResult>> function,
        IEnumerable<T> items, int partition)
    {
        IEnumerator<TResult> results;
        try
        {
            results = function(items).GetEnumerator();
        }
        catch (Exception e) when (e is not BagElementException)
        {
            throw new InvalidOperationException($"The MapPartitions function threw on partition {partition}: {e.Message}", e);
        }
        using (results)
        {
            while (true)
            {
                try
                {
                    if (!results.MoveNext())
                    {
                        yield break;
                    }
                }
                catch (Exception e) when (e is not BagElementException and not InvalidDataException)
                {
                    throw new InvalidOperationException($"The MapPartitions function threw on partition {partition}: {e.Message}", e);
                }
                yield return results.Current;
            }
        }
    }
}
