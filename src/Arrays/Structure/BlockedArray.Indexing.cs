using Tessera.Arrays.Structure;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>
    /// NumPy's basic indexing, one item per leading axis: an integer (or <c>^1</c>) selects one
    /// position and drops the axis; a range keeps it (<c>x[.., 0..10]</c>); <see cref="AxisIndex.Slice"/>
    /// adds a step. Missing trailing axes are taken whole. Each block of the result is the
    /// selected part of one block of this array, so its chunks follow this array's.
    /// </summary>
    /// <exception cref="IndexOutOfRangeException">An integer is out of bounds, or there are more items than axes.</exception>
    public BlockedArray<TElement> this[params AxisIndex[] indices]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(indices);
            return new(Selections.Index(Node, indices));
        }
    }

    /// <summary>
    /// The one element at <paramref name="index"/> (one integer per axis, negatives from the end),
    /// as a lazy scalar: NumPy's <c>x[i, j]</c> or <c>x.item(i, j)</c>. Reads one block.
    /// </summary>
    public BlockedScalar<TElement> Element(params long[] index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.Length != Rank)
        {
            throw new ArgumentException(
                $"Element needs one index per axis: the array has {Rank} axes, but {index.Length} indices were given.", nameof(index));
        }
        return new(this[[.. index.Select(i => (AxisIndex)i)]]);
    }

    /// <summary>
    /// NumPy's <c>x[..., start:stop:step, ...]</c> on <paramref name="axis"/>: nulls mean the
    /// default ends, negatives count from the end, a negative step walks backwards.
    /// </summary>
    public BlockedArray<TElement> Slice(int axis, long? start, long? stop, long step = 1)
    {
        var items = Enumerable.Repeat(AxisIndex.All, Structure.Axes.Normalize(axis, Rank) + 1).ToArray();
        items[^1] = AxisIndex.Slice(start, stop, step);
        return this[items];
    }

    /// <summary>
    /// The elements at <paramref name="indices"/> along <paramref name="axis"/>, in that order
    /// (NumPy's <c>take</c>; negatives count from the end, repeats allowed). Each output block
    /// reads only the input blocks holding its indices.
    /// </summary>
    public BlockedArray<TElement> Take(long[] indices, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return new(Selections.Take(Node, indices, axis));
    }

    /// <summary>The order of elements along <paramref name="axis"/> reversed (NumPy's <c>flip</c>).</summary>
    public BlockedArray<TElement> Flip(int axis) => new(Selections.Flip(Node, axis));
}
