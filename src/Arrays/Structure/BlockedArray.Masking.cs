using Tessera.Arrays.Lazy;
using Tessera.Arrays.Structure;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>
    /// NumPy's boolean indexing <c>x[mask]</c>. A mask of this array's shape gives a 1-D array of
    /// the elements where it is true, in row-major order; a 1-D mask selects along axis 0 (as
    /// <see cref="Compress"/>). Chunks of the mask and the array are unified first. The selected
    /// axis has blocks of unknown size (<see cref="ChunkGrid.UnknownSize"/>, dask's NaN chunks):
    /// elementwise work, reductions and <see cref="Compute"/> work on it; operations that need
    /// sizes throw <see cref="UnknownChunkSizesException"/> until <see cref="ComputeChunkSizes"/>.
    /// </summary>
    /// <exception cref="IndexOutOfRangeException">The mask's shape does not match the array's.</exception>
    public BlockedArray<TElement> this[BlockedArray<bool> mask]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(mask);
            return new(Masking.Select(Node, mask.Node));
        }
    }

    /// <summary>
    /// The positions along <paramref name="axis"/> where the 1-D <paramref name="condition"/> is true
    /// (NumPy's <c>compress</c>; the condition has one value per position). The other axes keep
    /// their chunks; <paramref name="axis"/> gets blocks of unknown size.
    /// </summary>
    public BlockedArray<TElement> Compress(BlockedArray<bool> condition, int axis)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return new(CompressNode.Of(Node, condition.Node, axis));
    }

    /// <summary>
    /// An array with the same elements whose unknown block sizes are measured, as dask's
    /// <c>compute_chunk_sizes()</c>: the array is computed once, keeping only each block's shape, and
    /// the result recomputes its blocks when used (each checked against the measured shape). To
    /// compute once and keep the blocks in memory instead, use <see cref="Persist"/>, which
    /// measures them too. An array whose sizes are known is returned as it is.
    /// </summary>
    public BlockedArray<TElement> ComputeChunkSizes(ComputeOptions? options = null) =>
        Chunks.HasUnknownSizes ? new(Masking.WithKnownSizes(Node, ChunkSizes.Measure(Node, options))) : this;
}
