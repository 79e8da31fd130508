using Tessera.Arrays.Linalg;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>The axes reversed (a matrix transpose for 2-D arrays), as NumPy's <c>.T</c>.</summary>
    public BlockedArray<TElement> T => Transpose();

    /// <summary>The axes permuted: axis d of the result is axis <paramref name="permutation"/>[d] of this array (reversed when none).</summary>
    public BlockedArray<TElement> Transpose(params int[]? permutation) => new(TransposeNode.Of(Node, permutation is { Length: > 0 } ? permutation : null));
}

public static partial class BlockedArray
{
    /// <summary>
    /// Matrix product of two 2-D float or double arrays: one GEMM per pair of blocks, partial
    /// products summed by a tree (fan-in <paramref name="splitEvery"/>). Blocks of the contracted
    /// axis are unified automatically.
    /// </summary>
    public static BlockedArray<T> MatMul<T>(BlockedArray<T> a, BlockedArray<T> b, int splitEvery = BlockedArray<T>.DefaultSplitEvery)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(MatMulNode.Build(a.Node, b.Node, splitEvery));
    }
}
