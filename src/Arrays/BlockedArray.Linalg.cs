using Tessera.Arrays.LinearAlgebra;

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
    /// Matrix product of float or double arrays, as numpy.matmul: <c>(…, n, k) @ (…, k, m)</c> gives
    /// <c>(…, n, m)</c> with the leading (batch) axes broadcast; a 1-D <paramref name="a"/> is a row
    /// and a 1-D <paramref name="b"/> a column, their length-1 axis dropped from the result. One
    /// GEMM per pair of blocks (per batch element), partial products summed by a tree (fan-in
    /// <paramref name="splitEvery"/>). Blocks of the contracted axis are unified automatically.
    /// </summary>
    /// <exception cref="ArgumentException">The contracted lengths differ ("matmul: contraction dimension mismatch: (3, 4) @ (5, 2)") or batch axes cannot broadcast.</exception>
    public static BlockedArray<T> MatMul<T>(BlockedArray<T> a, BlockedArray<T> b, int splitEvery = BlockedArray<T>.DefaultSplitEvery)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(ContractionNode.Build(a.Node, b.Node, ContractionPlan.MatMul(a.Shape, b.Shape), splitEvery));
    }
}
