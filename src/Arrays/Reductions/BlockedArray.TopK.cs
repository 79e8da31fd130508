using System.Numerics;
using System.Numerics.Tensors;
using Tessera.Arrays.Blocks;
using Tessera.Arrays.Structure;

namespace Tessera.Arrays;

/// <summary>
/// The k largest (or smallest) elements along an axis, as dask's <c>topk</c> and <c>argtopk</c>:
/// every block keeps its own best k along the axis (a small partial), the partials are joined
/// into one block along the axis, and the best k of those are the result. So no task holds more
/// than a block or k elements per block, and nothing is sorted whole.
/// </summary>
public static partial class BlockedArray
{
    /// <summary>
    /// The <paramref name="k"/> largest elements along <paramref name="axis"/>, largest first; a
    /// negative <paramref name="k"/> gives the |k| smallest, smallest first (dask's
    /// <c>topk(a, k, axis)</c>). NaN counts as larger than every number, as NumPy sorts it.
    /// The axis has |k| elements in the result; the other axes keep their blocks.
    /// </summary>
    public static BlockedArray<T> TopK<T>(BlockedArray<T> x, int k, int axis = -1) where T : unmanaged, INumber<T>
    {
        var (d, count) = TopKArguments(x, k, axis, "TopK");
        var largest = k > 0;
        var partial = new BlockedArray<T>(UserBlocks.Map<T>("topk-partial", [x.Node], TopKChunks(x, d, count), (Func<int, int>)Math.Abs,
            $"topk-partial-{k}-{d}", (blocks, _) => LineBest(UserBlocks.ToTensor<T>(blocks[0]), null, d, count, largest).Values));
        var whole = partial.Rechunk(new Dictionary<int, long> { [d] = -1 });
        return new BlockedArray<T>(UserBlocks.Map<T>("topk", [whole.Node], TopKChunks(whole, d, count), (Func<int, int>)Math.Abs,
            $"topk-{k}-{d}", (blocks, _) => LineBest(UserBlocks.ToTensor<T>(blocks[0]), null, d, count, largest).Values));
    }

    /// <summary>
    /// The indices along <paramref name="axis"/> of the <paramref name="k"/> largest elements,
    /// largest first; a negative <paramref name="k"/> gives those of the |k| smallest (dask's
    /// <c>argtopk</c>). Equal elements are taken in the order of their indices.
    /// </summary>
    public static BlockedArray<long> ArgTopK<T>(BlockedArray<T> x, int k, int axis = -1) where T : unmanaged, INumber<T>
    {
        var (d, count) = TopKArguments(x, k, axis, "ArgTopK");
        var largest = k > 0;
        var chunks = TopKChunks(x, d, count);
        // Each block's best values and their indices in the whole array, kept side by side.
        var values = new BlockedArray<T>(UserBlocks.Map<T>("argtopk-values", [x.Node], chunks, (Func<int, int>)Math.Abs,
            $"argtopk-values-{k}-{d}", (blocks, info) => LineBest(UserBlocks.ToTensor<T>(blocks[0]), null, d, count, largest).Values));
        var indices = new BlockedArray<long>(UserBlocks.Map<long>("argtopk-indices", [x.Node], chunks, (Func<int, int>)Math.Abs,
            $"argtopk-indices-{k}-{d}", (blocks, info) =>
            {
                var block = UserBlocks.ToTensor<T>(blocks[0]);
                return LineBest(block, AxisPositions(block, d, info.Inputs[0].ArrayLocation[d].Start), d, count, largest).Indices;
            }));
        var wholeValues = values.Rechunk(new Dictionary<int, long> { [d] = -1 });
        var wholeIndices = indices.Rechunk(new Dictionary<int, long> { [d] = -1 });
        return new BlockedArray<long>(UserBlocks.Map<long>("argtopk", [wholeValues.Node, wholeIndices.Node], TopKChunks(wholeValues, d, count),
            (Func<int, int>)Math.Abs, $"argtopk-{k}-{d}", (blocks, _) =>
                LineBest(UserBlocks.ToTensor<T>(blocks[0]), UserBlocks.ToTensor<long>(blocks[1]), d, count, largest).Indices));
    }

    private static (int Axis, int Count) TopKArguments<T>(BlockedArray<T> x, int k, int axis, string kind) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0)
        {
            throw new ArgumentException($"{kind} needs an array with at least one axis; got a scalar (0-d) array.", nameof(x));
        }
        var d = Axes.Normalize(axis, x.Rank);
        var length = x.Node.Grid.RequireKnown(kind).Shape[d];
        if (k == 0 || Math.Abs((long)k) > length)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k,
                $"{kind} takes 1..{length} largest (k > 0) or smallest (k < 0) elements along axis {axis}, which has {length}; got k = {k}.");
        }
        return (d, Math.Abs(k));
    }

    /// <summary>The array's chunks with each block's length along <paramref name="axis"/> cut to at most <paramref name="count"/>.</summary>
    private static ChunkGrid TopKChunks<T>(BlockedArray<T> x, int axis, int count) where T : unmanaged =>
        new([.. x.Chunks.Chunks.Select((c, a) => a == axis ? c.Select(s => Math.Min(s, count)).ToArray() : c.ToArray())]);

    /// <summary>A block of the positions along <paramref name="axis"/> of every element, counted from <paramref name="start"/>.</summary>
    private static Tensor<long> AxisPositions<T>(Tensor<T> block, int axis, long start)
    {
        var shape = block.Lengths.ToArray();
        var (outer, n, inner) = LineLayout(shape, axis);
        var positions = new long[outer * n * inner];
        for (var o = 0; o < outer; o++)
        {
            for (var j = 0; j < n; j++)
            {
                positions.AsSpan(((o * n) + j) * inner, inner).Fill(start + j);
            }
        }
        return Tensor.Create(positions, shape);
    }

    private static (int Outer, int Length, int Inner) LineLayout(nint[] shape, int axis)
    {
        var inner = 1;
        for (var a = axis + 1; a < shape.Length; a++)
        {
            inner *= (int)shape[a];
        }
        var outer = 1;
        for (var a = 0; a < axis; a++)
        {
            outer *= (int)shape[a];
        }
        return (outer, (int)shape[axis], inner);
    }

    /// <summary>
    /// The best min(count, length) elements of every line along <paramref name="axis"/>, best
    /// first, with their indices (<paramref name="indices"/>, or the positions in the line).
    /// </summary>
    private static (Tensor<T> Values, Tensor<long> Indices) LineBest<T>(Tensor<T> block, Tensor<long>? indices, int axis, int count, bool largest)
        where T : unmanaged, INumber<T>
    {
        var shape = block.Lengths.ToArray();
        var values = new T[block.FlattenedLength];
        block.FlattenTo(values);
        long[]? given = null;
        if (indices is not null)
        {
            given = new long[indices.FlattenedLength];
            indices.FlattenTo(given);
        }
        var (outer, n, inner) = LineLayout(shape, axis);
        var m = Math.Min(count, n);
        var outValues = new T[outer * m * inner];
        var outIndices = new long[outer * m * inner];
        var order = new int[n];
        var comparer = new BestFirst<T>(largest);
        var lineValues = new T[n];
        var lineIndices = new long[n];
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var at = (((o * n) + j) * inner) + i;
                    lineValues[j] = values[at];
                    lineIndices[j] = given is null ? j : given[at];
                    order[j] = j;
                }
                comparer.Line(lineValues, lineIndices);
                SelectBest(order, n, m, comparer);
                for (var j = 0; j < m; j++)
                {
                    var at = (((o * m) + j) * inner) + i;
                    outValues[at] = lineValues[order[j]];
                    outIndices[at] = lineIndices[order[j]];
                }
            }
        }
        shape[axis] = m;
        return (Tensor.Create(outValues, shape), Tensor.Create(outIndices, shape));
    }

    /// <summary>
    /// Puts the best <paramref name="m"/> of the first <paramref name="n"/> positions first, in
    /// order. A small m keeps a sorted run of the best so far, which most elements leave at one
    /// comparison with its worst (O(n) for k ≪ n, as argpartition); a large m sorts the line.
    /// </summary>
    private static void SelectBest(int[] order, int n, int m, IComparer<int> comparer)
    {
        if (m > 64 || m * 8 > n)
        {
            Array.Sort(order, 0, n, comparer);
            return;
        }
        Array.Sort(order, 0, m, comparer);
        for (var j = m; j < n; j++)
        {
            var candidate = order[j];
            if (comparer.Compare(candidate, order[m - 1]) >= 0)
            {
                continue;
            }
            var at = m - 1;
            while (at > 0 && comparer.Compare(candidate, order[at - 1]) < 0)
            {
                order[at] = order[at - 1];
                at--;
            }
            order[at] = candidate;
        }
    }

    /// <summary>Orders positions of a line best first: by value (NaN above every number), then by index.</summary>
    private sealed class BestFirst<T>(bool largest) : IComparer<int> where T : INumber<T>
    {
        private T[] _values = [];
        private long[] _indices = [];

        public void Line(T[] values, long[] indices)
        {
            _values = values;
            _indices = indices;
        }

        public int Compare(int a, int b)
        {
            var byValue = Ascending(_values[a], _values[b]);
            if (byValue != 0)
            {
                return largest ? -byValue : byValue;
            }
            return _indices[a].CompareTo(_indices[b]);
        }

        private static int Ascending(T a, T b)
        {
            var nanA = T.IsNaN(a);
            var nanB = T.IsNaN(b);
            if (nanA || nanB)
            {
                return nanA == nanB ? 0 : nanA ? 1 : -1;
            }
            return a < b ? -1 : a > b ? 1 : 0;
        }
    }
}
