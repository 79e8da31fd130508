using Tessera.Arrays.Lazy;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>The flat (row-major) index of the smallest element, as NumPy's <c>argmin()</c>; the first NaN if any element is NaN.</summary>
    public BlockedScalar<long> ArgMin(int? splitEvery = null) => ArgScalar(ReductionKind.ArgMin, splitEvery);

    /// <summary>Indexes of the smallest elements along <paramref name="axis"/> (ties: the first; NaN wins, as NumPy).</summary>
    public BlockedArray<long> ArgMin(int axis, bool keepDims = false, int? splitEvery = null) =>
        new(ArgReduce(ReductionKind.ArgMin, axis, keepDims, splitEvery));

    /// <summary>The flat (row-major) index of the largest element, as NumPy's <c>argmax()</c>; the first NaN if any element is NaN.</summary>
    public BlockedScalar<long> ArgMax(int? splitEvery = null) => ArgScalar(ReductionKind.ArgMax, splitEvery);

    /// <summary>Indexes of the largest elements along <paramref name="axis"/> (ties: the first; NaN wins, as NumPy).</summary>
    public BlockedArray<long> ArgMax(int axis, bool keepDims = false, int? splitEvery = null) =>
        new(ArgReduce(ReductionKind.ArgMax, axis, keepDims, splitEvery));

    /// <summary>As <see cref="ArgMin(int?)"/> ignoring NaN; an array of only NaN is an error ("All-NaN slice encountered").</summary>
    public BlockedScalar<long> NanArgMin(int? splitEvery = null) => ArgScalar(ReductionKind.NanArgMin, splitEvery);

    /// <summary>As <see cref="ArgMin(int, bool, int?)"/> ignoring NaN; a slice of only NaN is an error.</summary>
    public BlockedArray<long> NanArgMin(int axis, bool keepDims = false, int? splitEvery = null) =>
        new(ArgReduce(ReductionKind.NanArgMin, axis, keepDims, splitEvery));

    /// <summary>As <see cref="ArgMax(int?)"/> ignoring NaN; an array of only NaN is an error ("All-NaN slice encountered").</summary>
    public BlockedScalar<long> NanArgMax(int? splitEvery = null) => ArgScalar(ReductionKind.NanArgMax, splitEvery);

    /// <summary>As <see cref="ArgMax(int, bool, int?)"/> ignoring NaN; a slice of only NaN is an error.</summary>
    public BlockedArray<long> NanArgMax(int axis, bool keepDims = false, int? splitEvery = null) =>
        new(ArgReduce(ReductionKind.NanArgMax, axis, keepDims, splitEvery));

    private BlockedScalar<long> ArgScalar(ReductionKind kind, int? splitEvery) =>
        new(new BlockedArray<long>(ArgNode(kind, ReductionAxes.Of(null, Rank), false, splitEvery)));

    private ArrayNode ArgReduce(ReductionKind kind, int axis, bool keepDims, int? splitEvery) =>
        ArgNode(kind, ReductionAxes.Of([axis], Rank), keepDims, splitEvery);

    private ArrayNode ArgNode(ReductionKind kind, ReductionAxes axes, bool keepDims, int? splitEvery)
    {
        if (axes.Axes.Any(a => Shape[a] == 0))
        {
            throw new ArgumentException(
                $"attempt to get {kind.ToString().ToLowerInvariant()} of an empty sequence: shape {BlockShapes.Text(Shape)} " +
                "has no elements along the reduced axis (NumPy raises ValueError here too).");
        }
        var every = splitEvery ?? DefaultSplitEvery;
        var node = DType == Tessera.DType.Bool
            ? throw new NotSupportedException(
                $"{kind} of bool elements is not supported; convert first, e.g. x.Astype<int>().")
            : Kernels.Types.ElementTypeSwitch.VisitNumber<ArgNodes, ArrayNode>(DType, new(kind, Node, axes, every), kind.ToString());
        return keepDims ? node : MapBlocksNode.DropAxes(node, axes);
    }

    private readonly struct ArgNodes(ReductionKind kind, ArrayNode source, ReductionAxes axes, int every)
        : Kernels.Types.INumberTypeVisitor<ArrayNode>
    {
        public ArrayNode Integer<T>() where T : unmanaged, System.Numerics.IBinaryInteger<T>, System.Numerics.IMinMaxValue<T> =>
            ArgReductions.Reduce<T>(kind, source, axes, every);

        public ArrayNode Float<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>, System.Numerics.IMinMaxValue<T> =>
            ArgReductions.Reduce<T>(kind, source, axes, every);
    }
}
