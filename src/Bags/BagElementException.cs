namespace Tessera.Bags;

/// <summary>
/// A user function threw on one element of a bag. It reaches the caller inside
/// <see cref="TaskFailedException"/> (whose key names the task); this exception names the
/// operation, the partition and the element's position, and holds the original exception.
/// </summary>
public sealed class BagElementException : Exception
{
    /// <summary>Creates the exception for element <paramref name="index"/> of partition <paramref name="partition"/>.</summary>
    public BagElementException(string operation, int partition, long index, Exception inner)
        : base($"{operation} threw on element {index} of partition {partition} " +
            $"(the element's position in the stream {operation} reads): {inner.GetType().Name}: {inner.Message}", inner)
    {
        Operation = operation;
        Partition = partition;
        Index = index;
    }

    /// <summary>The operation whose function threw ("Select", "Where", "FoldBy key"…).</summary>
    public string Operation { get; }

    /// <summary>The partition, counted from 0.</summary>
    public int Partition { get; }

    /// <summary>The element's position, counted from 0, in the stream the operation reads in that partition.</summary>
    public long Index { get; }
}
