using Tessera.Bags.Plan;
using Tessera.Bags.Storage;

namespace Tessera.Bags;

/// <summary>
/// Creates bags: from in-memory sequences, text and JSON-lines files (globs, gzip and zstd), and
/// Delayed values. Everything a bag then does is on <see cref="Bag{T}"/>.
/// </summary>
/// <example>
/// <code>
/// Bag&lt;int&gt; b = Bag.FromSequence(Enumerable.Range(1, 10), partitions: 3);
/// List&lt;int&gt; squares = b.Where(x => x % 2 == 0).Select(x => x * x).Compute(); // [4, 16, 36, 64, 100]
/// </code>
/// </example>
public static partial class Bag
{
    /// <summary>The number of partitions FromSequence makes when given neither count nor size (dask's choice).</summary>
    public const int DefaultPartitions = 100;

    /// <summary>
    /// A bag of <paramref name="items"/>, cut into <paramref name="partitions"/> partitions of
    /// equal size (the last may be smaller), or into partitions of <paramref name="partitionSize"/>
    /// elements; give one or neither (then up to <see cref="DefaultPartitions"/> partitions).
    /// The sequence is read once, now.
    /// </summary>
    public static Bag<T> FromSequence<T>(IEnumerable<T> items, int? partitions = null, int? partitionSize = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (partitions is not null && partitionSize is not null)
        {
            throw new ArgumentException(
                $"Both partitions ({partitions}) and partitionSize ({partitionSize}) were given. Give one: the count of partitions or the elements per partition.");
        }
        if (partitions is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "partitions must be at least 1.");
        }
        if (partitionSize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(partitionSize), partitionSize, "partitionSize must be at least 1.");
        }
        var all = items.ToList();
        // As dask's from_sequence: a partition count becomes a size rounded up, so 10 items in 3
        // partitions are 4, 4 and 2.
        var size = partitionSize ?? Math.Max(1, (all.Count + (partitions ?? Math.Min(DefaultPartitions, Math.Max(1, all.Count))) - 1)
            / (partitions ?? Math.Min(DefaultPartitions, Math.Max(1, all.Count))));
        var parts = new List<Partition<T>>();
        for (var start = 0; start < all.Count; start += size)
        {
            parts.Add(new Partition<T>(all.GetRange(start, Math.Min(size, all.Count - start))));
        }
        if (parts.Count == 0)
        {
            parts.Add(Partition<T>.Empty);
        }
        return new(LayerNode<T>.Constants(Names.Fresh("from-sequence", typeof(T).Name), "from-sequence", parts));
    }

    /// <summary>A bag whose partition i is the result of <paramref name="parts"/>[i], as dask's <c>from_delayed</c>.</summary>
    public static Bag<T> FromDelayed<T>(IEnumerable<Delayed<IEnumerable<T>>> parts) => FromDelayedNodes<T>(parts);

    /// <summary>A bag whose partition i is the list <paramref name="parts"/>[i] computes.</summary>
    public static Bag<T> FromDelayed<T>(IEnumerable<Delayed<List<T>>> parts) => FromDelayedNodes<T>(parts);

    /// <summary>A bag whose partition i is the array <paramref name="parts"/>[i] computes.</summary>
    public static Bag<T> FromDelayed<T>(IEnumerable<Delayed<T[]>> parts) => FromDelayedNodes<T>(parts);

    /// <summary>The elements of all <paramref name="bags"/>, one after another; the partitions are theirs, in order.</summary>
    public static Bag<T> Concat<T>(params Bag<T>[] bags)
    {
        ArgumentNullException.ThrowIfNull(bags);
        if (bags.Length == 0)
        {
            throw new ArgumentException("Concat needs at least one bag.", nameof(bags));
        }
        var parts = bags.SelectMany(b => Enumerable.Range(0, b.Partitions).Select(i => new[] { (b.Node, i) })).ToArray();
        return new(new ConcatNode<T>(Names.Of("concat", [.. bags.Select(b => b.Name)]), "concat", parts));
    }

    private static Bag<T> FromDelayedNodes<T>(IEnumerable<Delayed> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var nodes = parts.ToArray();
        if (nodes.Length == 0)
        {
            throw new ArgumentException("FromDelayed needs at least one Delayed, one per partition.", nameof(parts));
        }
        foreach (var node in nodes)
        {
            ArgumentNullException.ThrowIfNull(node, nameof(parts));
        }
        return new(new DelayedNode<T>(nodes));
    }
}
