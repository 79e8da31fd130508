using Tessera.Arrays.LinearAlgebra;

namespace Tessera.Arrays;

public static partial class BlockedArray
{
    /// <summary>
    /// numpy.dot: a 0-D operand scales the other; 1-D · 1-D is the inner product (a 0-D array);
    /// otherwise the sum over a's last axis and b's second-to-last (its only axis when 1-D), the
    /// result's axes being a's remaining axes then b's. Computed blockwise, as <see cref="Tensordot{T}(BlockedArray{T}, BlockedArray{T}, int[], int[], int)"/>.
    /// </summary>
    public static BlockedArray<T> Dot<T>(BlockedArray<T> a, BlockedArray<T> b, int splitEvery = BlockedArray<T>.DefaultSplitEvery)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank == 0 || b.Rank == 0)
        {
            return a * b;
        }
        return new(ContractionNode.Build(a.Node, b.Node, ContractionPlan.Dot(a.Rank, b.Rank), splitEvery));
    }

    /// <summary>
    /// numpy.tensordot with an integer: sums over the last <paramref name="axes"/> axes of
    /// <paramref name="a"/> against the first <paramref name="axes"/> of <paramref name="b"/>
    /// (0 gives the outer product). The result has a's other axes, then b's.
    /// </summary>
    public static BlockedArray<T> Tensordot<T>(BlockedArray<T> a, BlockedArray<T> b, int axes = 2, int splitEvery = BlockedArray<T>.DefaultSplitEvery)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(ContractionNode.Build(a.Node, b.Node, ContractionPlan.Tensordot(a.Rank, b.Rank, axes), splitEvery));
    }

    /// <summary>
    /// numpy.tensordot with axis lists: sums over <paramref name="axesA"/>[i] of <paramref name="a"/>
    /// paired with <paramref name="axesB"/>[i] of <paramref name="b"/> (negatives count from the end).
    /// The result has a's other axes, then b's, each in order. Blockwise: each output block sums
    /// GEMMs of the operand blocks meeting it, in a tree; the summed axes' chunks are unified.
    /// </summary>
    public static BlockedArray<T> Tensordot<T>(BlockedArray<T> a, BlockedArray<T> b, int[] axesA, int[] axesB,
        int splitEvery = BlockedArray<T>.DefaultSplitEvery) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(axesA);
        ArgumentNullException.ThrowIfNull(axesB);
        return new(ContractionNode.Build(a.Node, b.Node, ContractionPlan.Tensordot("tensordot", a.Rank, b.Rank, axesA, axesB), splitEvery));
    }
}
