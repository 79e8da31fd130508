using System.Numerics.Tensors;
using Tessera.Arrays.Blocks;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>
    /// Applies <paramref name="function"/> to every block (dask's <c>map_blocks</c>): it gets a
    /// host copy of the block and a <see cref="BlockInfo"/> (block index, location in the
    /// array) and returns the output block. Output block i has the shape
    /// <paramref name="chunks"/> declares for it (the input's chunks when null); another shape is
    /// an error naming the block and both shapes.
    /// </summary>
    /// <param name="function">The per-block function; it may run on several threads at once.</param>
    /// <param name="chunks">The output's chunks: as many blocks per axis as the input has.</param>
    /// <param name="name">
    /// A name for the function, so equal calls share one layer (and keys stay the same across
    /// runs); by default the delegate's identity names it.
    /// </param>
    public BlockedArray<TOut> MapBlocks<TOut>(Func<Tensor<TElement>, BlockInfo, Tensor<TOut>> function, ChunkGrid? chunks = null,
        string? name = null) where TOut : unmanaged =>
        new(UserBlocks.Map<TOut>("map-blocks", [Node], chunks, function, name,
            (blocks, info) => function(UserBlocks.ToTensor<TElement>(blocks[0]), info)));

    /// <summary>As the other overload, for a function that needs only the block.</summary>
    public BlockedArray<TOut> MapBlocks<TOut>(Func<Tensor<TElement>, Tensor<TOut>> function, ChunkGrid? chunks = null,
        string? name = null) where TOut : unmanaged =>
        new(UserBlocks.Map<TOut>("map-blocks", [Node], chunks, function, name,
            (blocks, _) => function(UserBlocks.ToTensor<TElement>(blocks[0]))));
}

public static partial class BlockedArray
{
    /// <summary>
    /// Applies <paramref name="function"/> to aligned blocks of two arrays (dask's
    /// <c>map_blocks(f, a, b)</c>): their chunks are unified first (rechunking where they differ;
    /// length-1 axes broadcast), then output block i is <paramref name="function"/> of both
    /// arrays' blocks i. Output blocks must have the shapes <paramref name="chunks"/> declares
    /// (the unified chunks when null).
    /// </summary>
    public static BlockedArray<TOut> MapBlocks<T1, T2, TOut>(BlockedArray<T1> first, BlockedArray<T2> second,
        Func<Tensor<T1>, Tensor<T2>, BlockInfo, Tensor<TOut>> function, ChunkGrid? chunks = null, string? name = null)
        where T1 : unmanaged
        where T2 : unmanaged
        where TOut : unmanaged
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return new(UserBlocks.Map<TOut>("map-blocks", [first.Node, second.Node], chunks, function, name,
            (blocks, info) => function(UserBlocks.ToTensor<T1>(blocks[0]), UserBlocks.ToTensor<T2>(blocks[1]), info)));
    }
}
