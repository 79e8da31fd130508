using Tessera.Arrays.Structure;

namespace Tessera.Arrays;

/// <summary>How <see cref="BlockedArray{TElement}.Pad(long[][], PadMode, TElement)"/> fills the new elements (NumPy's <c>mode</c>).</summary>
public enum PadMode
{
    /// <summary>A constant value (NumPy's <c>'constant'</c>, zero by default).</summary>
    Constant,

    /// <summary>The edge element repeated (NumPy's <c>'edge'</c>).</summary>
    Edge,
}

/// <summary>
/// Rearrangements that NumPy code reaches for, each built from the blocked primitives (transpose,
/// slices, gathers, concatenation) as dask.array builds them, so they stay lazy and blockwise.
/// </summary>
public sealed partial class BlockedArray<TElement>
{
    /// <summary>Axes <paramref name="axis1"/> and <paramref name="axis2"/> exchanged (NumPy's <c>swapaxes</c>).</summary>
    public BlockedArray<TElement> SwapAxes(int axis1, int axis2)
    {
        var (a, b) = (Axes.Normalize(axis1, Rank), Axes.Normalize(axis2, Rank));
        var permutation = Enumerable.Range(0, Rank).ToArray();
        (permutation[a], permutation[b]) = (b, a);
        return a == b ? this : Transpose(permutation);
    }

    /// <summary>Axis <paramref name="source"/> moved to position <paramref name="destination"/>, the others keeping their order (NumPy's <c>moveaxis</c>).</summary>
    public BlockedArray<TElement> MoveAxis(int source, int destination)
    {
        var (from, to) = (Axes.Normalize(source, Rank), Axes.Normalize(destination, Rank));
        var order = Enumerable.Range(0, Rank).Where(d => d != from).ToList();
        order.Insert(to, from);
        return from == to ? this : Transpose([.. order]);
    }

    /// <summary>
    /// Elements shifted by <paramref name="shift"/> along <paramref name="axis"/>, those pushed
    /// past the end coming back at the start (NumPy's <c>roll</c>; a negative shift rolls back).
    /// </summary>
    public BlockedArray<TElement> Roll(long shift, int axis)
    {
        var d = Axes.Normalize(axis, Rank);
        var length = RequireKnownShape("Roll")[d];
        if (length == 0)
        {
            return this;
        }
        var k = ((shift % length) + length) % length;
        return k == 0 ? this : BlockedArray.Concatenate([Slice(d, length - k, null), Slice(d, 0, length - k)], d);
    }

    /// <summary>The array flattened, rolled by <paramref name="shift"/>, and given its shape back (NumPy's <c>roll</c> without an axis).</summary>
    public BlockedArray<TElement> Roll(long shift) =>
        Reshape(-1).Roll(shift, 0).Reshape([.. RequireKnownShape("Roll")]);

    /// <summary>
    /// The <paramref name="n"/>-th discrete difference along <paramref name="axis"/>:
    /// <c>x[1:] − x[:-1]</c>, applied <paramref name="n"/> times (NumPy's <c>diff</c>); the axis
    /// gets <paramref name="n"/> shorter. One fused subtraction per application.
    /// </summary>
    public BlockedArray<TElement> Diff(int n = 1, int axis = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var d = Axes.Normalize(axis, Rank);
        var result = this;
        for (var i = 0; i < n; i++)
        {
            result = result.Slice(d, 1, null) - result.Slice(d, null, -1);
        }
        return result;
    }

    /// <summary>
    /// The array repeated <paramref name="reps"/>[d] times along each axis (NumPy's <c>tile</c>);
    /// with more repetitions than axes, new leading axes of length one are added first.
    /// </summary>
    public BlockedArray<TElement> Tile(params long[] reps)
    {
        ArgumentNullException.ThrowIfNull(reps);
        if (reps.Any(r => r < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(reps), $"Tile repetitions must be zero or more; got [{string.Join(", ", reps)}].");
        }
        var result = this;
        while (result.Rank < reps.Length)
        {
            result = result.ExpandDims(0);
        }
        var offset = result.Rank - reps.Length; // fewer reps than axes: they apply to the last axes
        for (var i = 0; i < reps.Length; i++)
        {
            var d = i + offset;
            result = reps[i] switch
            {
                1 => result,
                0 => result.Slice(d, 0, 0),
                _ => BlockedArray.Concatenate([.. Enumerable.Repeat(result, checked((int)reps[i]))], d),
            };
        }
        return result;
    }

    /// <summary>Each element repeated <paramref name="repeats"/> times along <paramref name="axis"/>, in place (NumPy's <c>repeat</c>).</summary>
    public BlockedArray<TElement> Repeat(long repeats, int axis)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(repeats);
        var d = Axes.Normalize(axis, Rank);
        var length = RequireKnownShape("Repeat")[d];
        var indices = new long[checked(length * repeats)];
        for (var i = 0L; i < indices.Length; i++)
        {
            indices[i] = i / repeats;
        }
        return Take(indices, d);
    }

    /// <summary>
    /// The array with <paramref name="widths"/>[d] = [before, after] elements added on each axis
    /// (one pair for all axes, or one per axis), filled by <paramref name="mode"/> (NumPy's
    /// <c>pad</c>). New elements form blocks of their own; the array's blocks are unchanged.
    /// </summary>
    public BlockedArray<TElement> Pad(long[][] widths, PadMode mode = PadMode.Constant, TElement constant = default)
    {
        ArgumentNullException.ThrowIfNull(widths);
        if ((widths.Length != 1 && widths.Length != Rank) || widths.Any(w => w is null || w.Length != 2 || w[0] < 0 || w[1] < 0))
        {
            throw new ArgumentException(
                $"Pad widths must be one [before, after] pair of non-negative counts, or one pair per axis ({Rank}); " +
                $"got {widths.Length} entries. Example: [[1, 2]] or [{string.Join(", ", Enumerable.Repeat("[1, 1]", Rank))}].", nameof(widths));
        }
        var result = this;
        for (var d = 0; d < Rank; d++)
        {
            var (before, after) = (widths[widths.Length == 1 ? 0 : d][0], widths[widths.Length == 1 ? 0 : d][1]);
            if (before == 0 && after == 0)
            {
                continue;
            }
            var length = result.RequireKnownShape("Pad")[d];
            if (mode == PadMode.Edge && length == 0)
            {
                throw new ArgumentException($"Edge padding needs elements to repeat, but axis {d} is empty. Use PadMode.Constant.", nameof(mode));
            }
            var parts = new List<BlockedArray<TElement>>();
            if (before > 0)
            {
                parts.Add(Filler(result, d, before, mode, constant, edge: 0));
            }
            parts.Add(result);
            if (after > 0)
            {
                parts.Add(Filler(result, d, after, mode, constant, edge: length - 1));
            }
            result = BlockedArray.Concatenate(parts, d);
        }
        return result;
    }

    private static BlockedArray<TElement> Filler(BlockedArray<TElement> of, int axis, long count, PadMode mode, TElement constant, long edge)
    {
        if (mode == PadMode.Edge)
        {
            return of.Take([.. Enumerable.Repeat(edge, checked((int)count))], axis);
        }
        var shape = of.RequireKnownShape("Pad").ToArray();
        shape[axis] = count;
        // The filler's blocks follow the array's on every other axis, so joining needs no rechunk.
        var chunks = of.Chunks.Chunks.Select((c, d) => d == axis ? new[] { count } : c.ToArray()).ToArray();
        return BlockedArray.Full(shape, constant, ChunkSpec.Explicit(chunks));
    }

    private IReadOnlyList<long> RequireKnownShape(string operation) => Node.Grid.RequireKnown(operation).Shape;
}
