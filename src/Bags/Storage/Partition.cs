using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Tessera.Bags.Storage;

/// <summary>
/// A materialised partition: its elements in order. The scheduler counts it at an estimated size
/// and, past the memory limit, spills it to disk as JSON (<see cref="PartitionCodec{T}"/>), which is
/// how a GroupBy larger than memory gets through: its shuffle pieces are partitions.
/// </summary>
internal sealed class Partition<T> : ISpillable
{
    private long _byteSize = -1;

    public Partition(List<T> items) => Items = items;

    public static Partition<T> Empty => new([]);

    public List<T> Items { get; }

    public int Count => Items.Count;

    /// <inheritdoc />
    public long ByteSize => _byteSize >= 0 ? _byteSize : _byteSize = PartitionSizes.Estimate(Items);

    /// <inheritdoc />
    public ISpillCodec SpillCodec => PartitionCodec<T>.Instance;

    /// <inheritdoc />
    public void SpillTo(Stream destination) => JsonSerializer.Serialize(destination, Items, PartitionCodec<T>.Options);

    public static Partition<T> From(IEnumerable<T> items) => new(items is List<T> list ? list : [.. items]);
}

/// <summary>Restores partitions spilled as JSON.</summary>
internal sealed class PartitionCodec<T> : ISpillCodec
{
    public static readonly PartitionCodec<T> Instance = new();

    // Fields included: tuples (the results of Frequencies and FoldBy) keep their values in fields.
    public static readonly JsonSerializerOptions Options = new() { IncludeFields = true };

    /// <inheritdoc />
    public ISpillable Restore(Stream source) =>
        new Partition<T>(JsonSerializer.Deserialize<List<T>>(source, Options) ?? []);
}

/// <summary>Estimates of the bytes elements hold, for the memory budget.</summary>
internal static class PartitionSizes
{
    private const int Sample = 8;
    private const long ObjectOverhead = 24;

    public static long Estimate<T>(List<T> items)
    {
        if (items.Count == 0)
        {
            return 0;
        }
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            return (long)items.Count * Unsafe.SizeOf<T>();
        }
        if (typeof(T) == typeof(string))
        {
            long total = 0;
            foreach (var item in items)
            {
                total += ObjectOverhead + ((item as string)?.Length ?? 0) * 2L;
            }
            return total;
        }
        // Arbitrary objects: the JSON size of a few elements, scaled. JSON is about as large as
        // the objects it describes, and what a spill would write.
        try
        {
            long sampled = 0;
            var step = Math.Max(1, items.Count / Sample);
            var taken = 0;
            for (var i = 0; i < items.Count && taken < Sample; i += step, taken++)
            {
                sampled += JsonSerializer.SerializeToUtf8Bytes(items[i], PartitionCodec<T>.Options).Length + ObjectOverhead;
            }
            return sampled * items.Count / taken;
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException)
        {
            return items.Count * 64L;
        }
    }
}
