using System.Numerics.Tensors;
using Tessera.Arrays.Blocks;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>
    /// As <see cref="MapBlocks{TOut}(Func{Tensor{TElement}, BlockInfo, Tensor{TOut}}, ChunkGrid?, string?)"/>,
    /// but the function reads the block in place instead of a copy: for functions that reduce a
    /// large block to a small result (per-block statistics, partial sums), where copying the
    /// block would cost as much as the work and put a block-sized array on the large-object heap
    /// every call. The function must neither change the tensor nor keep it after it returns.
    /// </summary>
    public BlockedArray<TOut> MapBlocksReadOnly<TOut>(Func<Tensor<TElement>, BlockInfo, Tensor<TOut>> function,
        ChunkGrid? chunks = null, string? name = null) where TOut : unmanaged =>
        new(UserBlocks.Map<TOut>("map-blocks-read-only", [Node], chunks, function, name,
            (blocks, info) => function(InPlace.View<TElement>(blocks[0]), info)));
}

public static partial class BlockedArray
{
    /// <summary>
    /// As <see cref="MapBlocks{T1, T2, TOut}"/>, but the function reads both blocks in place (no copy);
    /// it must neither change them nor keep them. See <see cref="BlockedArray{TElement}.MapBlocksReadOnly{TOut}"/>.
    /// </summary>
    public static BlockedArray<TOut> MapBlocksReadOnly<T1, T2, TOut>(BlockedArray<T1> first, BlockedArray<T2> second,
        Func<Tensor<T1>, Tensor<T2>, BlockInfo, Tensor<TOut>> function, ChunkGrid? chunks = null, string? name = null)
        where T1 : unmanaged
        where T2 : unmanaged
        where TOut : unmanaged
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return new(UserBlocks.Map<TOut>("map-blocks-read-only", [first.Node, second.Node], chunks, function, name,
            (blocks, info) => function(InPlace.View<T1>(blocks[0]), InPlace.View<T2>(blocks[1]), info)));
    }
}

/// <summary>Host blocks as tensors over their own memory, for functions that only read them.</summary>
file static class InPlace
{
    /// <summary>
    /// A tensor over the host block's own array when the block is that whole array (the usual
    /// case: computed and persisted blocks); a copy otherwise (views into a larger array, strided
    /// views, 0-d blocks), since a tensor over part of an array is not a plain row-major span.
    /// </summary>
    public static Tensor<T> View<T>(IDeviceBuffer block) where T : unmanaged
    {
        var host = HostBlock.Of<T>(block);
        if (host.Strides is not null || host.Shape.Count == 0 || host.Offset != 0 || host.Array.Length != host.Length)
        {
            return UserBlocks.ToTensor<T>(block);
        }
        return Tensor.Create(host.Array, [.. host.Shape.Select(s => (nint)s)]);
    }
}
