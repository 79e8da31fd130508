using Tessera.Arrays.Lazy;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>True when any element is non-zero (true).</summary>
    public BlockedScalar<bool> Any(int? splitEvery = null) => new(new(Reduce(ReductionKind.Any, null, false, splitEvery)));

    /// <summary>Whether any element is non-zero along <paramref name="axis"/>.</summary>
    public BlockedArray<bool> Any(int axis, bool keepDims = false, int? splitEvery = null) => Any([axis], keepDims, splitEvery);

    /// <summary>Whether any element is non-zero along <paramref name="axes"/>.</summary>
    public BlockedArray<bool> Any(int[] axes, bool keepDims = false, int? splitEvery = null) =>
        new(Reduce(ReductionKind.Any, axes, keepDims, splitEvery));

    /// <summary>True when every element is non-zero (true).</summary>
    public BlockedScalar<bool> All(int? splitEvery = null) => new(new(Reduce(ReductionKind.All, null, false, splitEvery)));

    /// <summary>Whether every element is non-zero along <paramref name="axis"/>.</summary>
    public BlockedArray<bool> All(int axis, bool keepDims = false, int? splitEvery = null) => All([axis], keepDims, splitEvery);

    /// <summary>Whether every element is non-zero along <paramref name="axes"/>.</summary>
    public BlockedArray<bool> All(int[] axes, bool keepDims = false, int? splitEvery = null) =>
        new(Reduce(ReductionKind.All, axes, keepDims, splitEvery));

    /// <summary>Sum skipping NaN (0 when every element is NaN).</summary>
    public BlockedScalar<TElement> NanSum(int? splitEvery = null) => Scalar(ReductionKind.NanSum, splitEvery);

    /// <summary>Sums skipping NaN along <paramref name="axis"/>.</summary>
    public BlockedArray<TElement> NanSum(int axis, bool keepDims = false, int? splitEvery = null) => NanSum([axis], keepDims, splitEvery);

    /// <summary>Sums skipping NaN along <paramref name="axes"/>.</summary>
    public BlockedArray<TElement> NanSum(int[] axes, bool keepDims = false, int? splitEvery = null) =>
        new(Reduce(ReductionKind.NanSum, axes, keepDims, splitEvery));

    /// <summary>Smallest non-NaN element (NaN when every element is NaN).</summary>
    public BlockedScalar<TElement> NanMin(int? splitEvery = null) => Scalar(ReductionKind.NanMin, splitEvery);

    /// <summary>Minima skipping NaN along <paramref name="axis"/>.</summary>
    public BlockedArray<TElement> NanMin(int axis, bool keepDims = false, int? splitEvery = null) => NanMin([axis], keepDims, splitEvery);

    /// <summary>Minima skipping NaN along <paramref name="axes"/>.</summary>
    public BlockedArray<TElement> NanMin(int[] axes, bool keepDims = false, int? splitEvery = null) =>
        new(Reduce(ReductionKind.NanMin, axes, keepDims, splitEvery));

    /// <summary>Largest non-NaN element (NaN when every element is NaN).</summary>
    public BlockedScalar<TElement> NanMax(int? splitEvery = null) => Scalar(ReductionKind.NanMax, splitEvery);

    /// <summary>Maxima skipping NaN along <paramref name="axis"/>.</summary>
    public BlockedArray<TElement> NanMax(int axis, bool keepDims = false, int? splitEvery = null) => NanMax([axis], keepDims, splitEvery);

    /// <summary>Maxima skipping NaN along <paramref name="axes"/>.</summary>
    public BlockedArray<TElement> NanMax(int[] axes, bool keepDims = false, int? splitEvery = null) =>
        new(Reduce(ReductionKind.NanMax, axes, keepDims, splitEvery));

    /// <summary>Mean of the non-NaN elements (NaN when there are none).</summary>
    public BlockedScalar<TElement> NanMean(int? splitEvery = null) => new(new BlockedArray<TElement>(NanMeanNode(null, false, splitEvery)));

    /// <summary>Means of the non-NaN elements along <paramref name="axis"/>.</summary>
    public BlockedArray<TElement> NanMean(int axis, bool keepDims = false, int? splitEvery = null) => NanMean([axis], keepDims, splitEvery);

    /// <summary>Means of the non-NaN elements along <paramref name="axes"/>.</summary>
    public BlockedArray<TElement> NanMean(int[] axes, bool keepDims = false, int? splitEvery = null) =>
        new(NanMeanNode(axes, keepDims, splitEvery));

    /// <summary>NaN-skipping sum divided by the count of non-NaN elements, the count being a sum over the NaN mask.</summary>
    private ArrayNode NanMeanNode(int[]? axes, bool keepDims, int? splitEvery)
    {
        RequireFloat("NanMean");
        var sum = Reduce(ReductionKind.NanSum, axes, keepDims, splitEvery);
        var present = Elementwise.Combine("notnan", e => Ex.Cast(Ex.Unary(OpTable.Not, Ex.Unary(OpTable.IsNaN, e[0])), DType.Int64), Node);
        var count = new BlockedArray<long>(present).Reduce(ReductionKind.Sum, axes, keepDims, splitEvery);
        return Elementwise.Combine("nanmean", e => Ex.Binary(OpTable.Divide, e[0], Ex.Cast(e[1], DType)), sum, count);
    }
}
