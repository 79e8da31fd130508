using Tessera.Arrays.Structure;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>A length-1 axis inserted at <paramref name="axis"/> of the result (negatives count from the end).</summary>
    public BlockedArray<TElement> ExpandDims(int axis) => new(BlockViews.ExpandDims(Node, axis));

    /// <summary>The given length-1 axes removed; all length-1 axes when none are given (NumPy's <c>squeeze</c>).</summary>
    public BlockedArray<TElement> Squeeze(params int[] axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        return new(BlockViews.Squeeze(Node, axes));
    }

    /// <summary>
    /// The same elements, row-major, under <paramref name="shape"/> (one entry may be -1, filled
    /// in). A reshape that merges or splits axes inside blocks is a view of each block; others
    /// first rechunk so the trailing axes involved are whole, with blocks near their former size.
    /// </summary>
    public BlockedArray<TElement> Reshape(params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return new(ReshapePlan.Of(Node, shape));
    }

    /// <summary>
    /// This array repeated to <paramref name="shape"/> by NumPy's broadcasting rules (axes align
    /// on the right; length-1 axes stretch; new axes are added on the left). Stretched and new
    /// axes are one block each; each output block is made from one input block.
    /// </summary>
    public BlockedArray<TElement> BroadcastTo(params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return new(Selections.BroadcastTo(Node, shape));
    }
}
