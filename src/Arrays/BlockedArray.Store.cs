using Tessera.Arrays.Storage;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>
    /// Computes the array and writes each block to <paramref name="sink"/> as soon as it is ready
    /// (dask's <c>store</c>); blocks are released once written, so the array is never whole in memory.
    /// </summary>
    public void Store(IBlockSink<TElement> sink, ComputeOptions? options = null) => BlockStores.Run([Node], [sink], options);
}

public static partial class BlockedArray
{
    /// <summary>
    /// Stores <paramref name="arrays"/>[i] into <paramref name="sinks"/>[i], all in one graph:
    /// work the arrays share (a common input, a common intermediate) is computed once.
    /// </summary>
    public static void Store<T>(IReadOnlyList<BlockedArray<T>> arrays, IReadOnlyList<IBlockSink<T>> sinks, ComputeOptions? options = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(arrays);
        ArgumentNullException.ThrowIfNull(sinks);
        BlockStores.Run([.. arrays.Select((a, i) => a?.Node ?? throw new ArgumentNullException(nameof(arrays), $"arrays[{i}] is null."))],
            sinks, options);
    }
}
