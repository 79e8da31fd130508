using System.Numerics;
using System.Numerics.Tensors;
using Tessera.Arrays.Blocks;
using Tessera.Arrays.Structure;

namespace Tessera.Arrays;

/// <summary>
/// Sorting along an axis that is one chunk (NumPy's <c>sort</c> and <c>argsort</c>): each block
/// sorts its own lines, so nothing moves between blocks. An axis split over several blocks is an
/// error that says how to rechunk (or, for the largest few, to use <see cref="TopK{T}"/>).
/// </summary>
public static partial class BlockedArray
{
    /// <summary>The array with every line along <paramref name="axis"/> sorted ascending, NaN last (NumPy's <c>sort</c>).</summary>
    public static BlockedArray<T> Sort<T>(BlockedArray<T> x, int axis = -1) where T : unmanaged, INumber<T>
    {
        var d = SortAxis(x, axis, "Sort");
        return new(UserBlocks.Map<T>("sort", [x.Node], null, (Func<int, int>)Math.Abs, $"sort-{d}",
            (blocks, _) => SortLines(UserBlocks.ToTensor<T>(blocks[0]), d).Values));
    }

    /// <summary>
    /// The indices that sort every line along <paramref name="axis"/> (NumPy's
    /// <c>argsort(kind='stable')</c>: equal elements keep their order, NaN last).
    /// </summary>
    public static BlockedArray<long> ArgSort<T>(BlockedArray<T> x, int axis = -1) where T : unmanaged, INumber<T>
    {
        var d = SortAxis(x, axis, "ArgSort");
        return new(UserBlocks.Map<long>("argsort", [x.Node], null, (Func<int, int>)Math.Abs, $"argsort-{d}",
            (blocks, _) => SortLines(UserBlocks.ToTensor<T>(blocks[0]), d).Indices));
    }

    private static int SortAxis<T>(BlockedArray<T> x, int axis, string kind) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0)
        {
            throw new ArgumentException($"{kind} needs an array with at least one axis; got a scalar (0-d) array.", nameof(x));
        }
        var d = Axes.Normalize(axis, x.Rank);
        var blocks = x.Node.Grid.RequireKnown(kind).Chunks[d].Count;
        if (blocks > 1)
        {
            throw new ArgumentException(
                $"{kind} along axis {axis} needs that axis in one chunk; it has {blocks} blocks. Rechunk first, e.g. " +
                $"x.Rechunk(new Dictionary<int, long> {{ [{d}] = -1 }}), or take the largest or smallest few with TopK/ArgTopK.",
                nameof(axis));
        }
        return d;
    }

    private static (Tensor<T> Values, Tensor<long> Indices) SortLines<T>(Tensor<T> block, int axis) where T : unmanaged, INumber<T>
    {
        var n = (int)block.Lengths[axis];
        // A stable order by value with NaN last is BestFirst's order for the smallest first, ties by index.
        return LineBest(block, null, axis, n, largest: false);
    }
}
