using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>
    /// The mean over axes whose lengths are unknown (after masking): the count cannot come from
    /// the shape, so it is a sum of ones over the same axes, fused into the same pass as the sum's
    /// prologue. NaN counts as an element, as in NumPy's mean. An empty selection gives NaN.
    /// </summary>
    private ArrayNode CountedMean(int[]? axes, bool keepDims, int? splitEvery)
    {
        var sum = Reduce(ReductionKind.Sum, axes, keepDims, splitEvery);
        var ones = Elementwise.Combine("ones-like", e => Ex.Cast(
            Ex.Binary(OpTable.Or, Ex.Unary(OpTable.IsNaN, e[0]), Ex.Unary(OpTable.Not, Ex.Unary(OpTable.IsNaN, e[0]))), DType.Int64), Node);
        var count = new BlockedArray<long>(ones).Reduce(ReductionKind.Sum, axes, keepDims, splitEvery);
        return Elementwise.Combine("mean", e => Ex.Binary(OpTable.Divide, e[0], Ex.Cast(e[1], DType)), sum, count);
    }
}
