using Tessera.Arrays.Lazy;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;
using Tessera.Scheduling;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>Partials combined per tree node when not given: 4, as dask.array's split_every.</summary>
    public const int DefaultSplitEvery = 4;

    /// <summary>Sum of all elements, as a lazy scalar (integers accumulate in int64; a result that does not fit TElement is an error).</summary>
    public BlockedScalar<TElement> Sum(int? splitEvery = null) => Scalar(ReductionKind.Sum, splitEvery);

    /// <summary>Sums along <paramref name="axis"/>.</summary>
    public BlockedArray<TElement> Sum(int axis, bool keepDims = false, int? splitEvery = null) => Sum([axis], keepDims, splitEvery);

    /// <summary>Sums along <paramref name="axes"/>.</summary>
    public BlockedArray<TElement> Sum(int[] axes, bool keepDims = false, int? splitEvery = null) =>
        new(Reduce(ReductionKind.Sum, axes, keepDims, splitEvery));

    /// <summary>Product of all elements.</summary>
    public BlockedScalar<TElement> Prod(int? splitEvery = null) => Scalar(ReductionKind.Prod, splitEvery);

    /// <summary>Products along <paramref name="axis"/>.</summary>
    public BlockedArray<TElement> Prod(int axis, bool keepDims = false, int? splitEvery = null) => Prod([axis], keepDims, splitEvery);

    /// <summary>Products along <paramref name="axes"/>.</summary>
    public BlockedArray<TElement> Prod(int[] axes, bool keepDims = false, int? splitEvery = null) =>
        new(Reduce(ReductionKind.Prod, axes, keepDims, splitEvery));

    /// <summary>Smallest element (NaN if any element is NaN, as NumPy).</summary>
    public BlockedScalar<TElement> Min(int? splitEvery = null) => Scalar(ReductionKind.Min, splitEvery);

    /// <summary>Minima along <paramref name="axis"/>.</summary>
    public BlockedArray<TElement> Min(int axis, bool keepDims = false, int? splitEvery = null) => Min([axis], keepDims, splitEvery);

    /// <summary>Minima along <paramref name="axes"/>.</summary>
    public BlockedArray<TElement> Min(int[] axes, bool keepDims = false, int? splitEvery = null) =>
        new(Reduce(ReductionKind.Min, axes, keepDims, splitEvery));

    /// <summary>Largest element (NaN if any element is NaN, as NumPy).</summary>
    public BlockedScalar<TElement> Max(int? splitEvery = null) => Scalar(ReductionKind.Max, splitEvery);

    /// <summary>Maxima along <paramref name="axis"/>.</summary>
    public BlockedArray<TElement> Max(int axis, bool keepDims = false, int? splitEvery = null) => Max([axis], keepDims, splitEvery);

    /// <summary>Maxima along <paramref name="axes"/>.</summary>
    public BlockedArray<TElement> Max(int[] axes, bool keepDims = false, int? splitEvery = null) =>
        new(Reduce(ReductionKind.Max, axes, keepDims, splitEvery));

    /// <summary>Mean of all elements (float and double arrays; convert integers with Astype first).</summary>
    public BlockedScalar<TElement> Mean(int? splitEvery = null) => new(new BlockedArray<TElement>(MeanNode(null, false, splitEvery)));

    /// <summary>Means along <paramref name="axis"/>.</summary>
    public BlockedArray<TElement> Mean(int axis, bool keepDims = false, int? splitEvery = null) => Mean([axis], keepDims, splitEvery);

    /// <summary>Means along <paramref name="axes"/>.</summary>
    public BlockedArray<TElement> Mean(int[] axes, bool keepDims = false, int? splitEvery = null) =>
        new(MeanNode(axes, keepDims, splitEvery));

    /// <summary>Variance of all elements with <paramref name="ddof"/> delta degrees of freedom (0: population, 1: sample).</summary>
    /// <remarks>A positional integer means an axis, as in NumPy (<c>x.Var(1)</c> is along axis 1); pass ddof by name.</remarks>
    public BlockedScalar<TElement> Var(int? splitEvery = null, int ddof = 0) => new(new BlockedArray<TElement>(Moments(null, false, ddof, false, splitEvery)));

    /// <summary>Variances along <paramref name="axis"/>.</summary>
    public BlockedArray<TElement> Var(int axis, int ddof = 0, bool keepDims = false, int? splitEvery = null) =>
        Var([axis], ddof, keepDims, splitEvery);

    /// <summary>Variances along <paramref name="axes"/>.</summary>
    public BlockedArray<TElement> Var(int[] axes, int ddof = 0, bool keepDims = false, int? splitEvery = null) =>
        new(Moments(axes, keepDims, ddof, false, splitEvery));

    /// <summary>Standard deviation of all elements.</summary>
    /// <remarks>A positional integer means an axis, as in NumPy (<c>x.Std(1)</c> is along axis 1); pass ddof by name.</remarks>
    public BlockedScalar<TElement> Std(int? splitEvery = null, int ddof = 0) => new(new BlockedArray<TElement>(Moments(null, false, ddof, true, splitEvery)));

    /// <summary>Standard deviations along <paramref name="axis"/>.</summary>
    public BlockedArray<TElement> Std(int axis, int ddof = 0, bool keepDims = false, int? splitEvery = null) =>
        Std([axis], ddof, keepDims, splitEvery);

    /// <summary>Standard deviations along <paramref name="axes"/>.</summary>
    public BlockedArray<TElement> Std(int[] axes, int ddof = 0, bool keepDims = false, int? splitEvery = null) =>
        new(Moments(axes, keepDims, ddof, true, splitEvery));

    private BlockedScalar<TElement> Scalar(ReductionKind kind, int? splitEvery) => new(new(Reduce(kind, null, false, splitEvery)));

    private ArrayNode Reduce(ReductionKind kind, int[]? axes, bool keepDims, int? splitEvery)
    {
        var reduced = ReductionAxes.Of(axes, Rank);
        if (ReductionTypes.NeedsElements(kind) && reduced.Axes.Any(a => Shape[a] == 0))
        {
            throw new ArgumentException(
                $"{kind} of an empty axis has no value (shape {BlockShapes.Text(Shape)}); NumPy raises here too.");
        }
        var node = KindReductions.Reduce(kind, Node, reduced, splitEvery ?? DefaultSplitEvery);
        if (node.DType != DType && DType.IsInteger())
        {
            // Sums and products of narrower integers accumulate in int64 or uint64 (as NumPy);
            // narrowing back to the array's type is checked, never a silent wrap.
            node = new MapBlocksNode(TaskKeys.Name("narrow", node.Name), node.Grid, DType, node, "narrow",
                (block, _) => HostBlocks.Narrow<TElement>((Kernels.Backends.IDeviceBuffer)block));
        }
        return keepDims ? node : MapBlocksNode.DropAxes(node, reduced);
    }

    private ArrayNode MeanNode(int[]? axes, bool keepDims, int? splitEvery)
    {
        RequireFloat("Mean");
        var reduced = ReductionAxes.Of(axes, Rank);
        if (reduced.Axes.Any(a => !Chunks.IsKnown(a)))
        {
            return CountedMean(axes, keepDims, splitEvery);
        }
        var count = reduced.Axes.Aggregate(1.0, (n, a) => n * Shape[a]);
        var sum = Reduce(ReductionKind.Sum, axes, keepDims, splitEvery);
        return Elementwise.Combine("mean", e => Ex.Binary(OpTable.Divide, e[0], Ex.Constant(count)), sum);
    }

    private ArrayNode Moments(int[]? axes, bool keepDims, int ddof, bool std, int? splitEvery)
    {
        RequireFloat(std ? "Std" : "Var");
        if (ddof < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ddof), ddof, "ddof is 0 or more (1 for the sample variance).");
        }
        var reduced = ReductionAxes.Of(axes, Rank);
        var node = MomentNodes.Variance(Node, reduced, ddof, std, splitEvery ?? DefaultSplitEvery);
        return keepDims ? node : MapBlocksNode.DropAxes(node, reduced);
    }

    private void RequireFloat(string operation)
    {
        if (!DType.IsFloatingPoint())
        {
            throw new NotSupportedException(
                $"{operation} of {typeof(TElement).Name} elements gives float64 in NumPy; convert first: x.Astype<double>().{operation}(...).");
        }
    }
}
