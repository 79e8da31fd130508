using System.Numerics;
using Tessera.Arrays.Structure;

namespace Tessera.Arrays;

public static partial class BlockedArray
{
    /// <summary>
    /// The sorted distinct elements of <paramref name="x"/>, flattened (NumPy's <c>unique</c>; NaN
    /// once, last). Lazy, as dask's: each block finds its own distinct values, then one task
    /// merges them, so the result is one block of unknown size until computed.
    /// </summary>
    public static BlockedArray<T> Unique<T>(BlockedArray<T> x) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var flat = x.Rank == 1 ? x : x.Reshape(x.Node.Grid.RequireKnown("Unique").Shape.Aggregate(1L, (p, s) => p * s));
        return new(UniqueNodes.Of<T>(flat.Node));
    }
}
