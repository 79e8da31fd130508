namespace Tessera.Arrays;

/// <summary>
/// Where <c>Store</c> writes an array block by block (dask's <c>store</c> target): each computed
/// block arrives once, as its region (offset and shape) and its row-major values, as soon as it
/// is ready, so the whole array never needs to be in memory.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>Blocks arrive from several threads at once; their regions never overlap.</remarks>
public interface IBlockSink<T> where T : unmanaged
{
    /// <summary>The shape of the target; <c>Store</c> checks it equals the array's.</summary>
    IReadOnlyList<long> Shape { get; }

    /// <summary>Writes one block: <paramref name="values"/> (row-major, <paramref name="shape"/>) at <paramref name="offset"/>.</summary>
    void Write(long[] offset, long[] shape, ReadOnlySpan<T> values);
}
