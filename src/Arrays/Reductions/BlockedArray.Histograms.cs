using System.Numerics;
using System.Numerics.Tensors;
using Tessera.Arrays.Blocks;
using Tessera.Scheduling;

namespace Tessera.Arrays;

/// <summary>
/// Histograms and membership, blockwise as dask.array computes them: each block counts its own
/// elements into the bins (a small array per block), and the counts are summed in a tree.
/// </summary>
public static partial class BlockedArray
{
    /// <summary>
    /// Counts of the elements in <paramref name="bins"/> equal-width bins over
    /// [<paramref name="min"/>, <paramref name="max"/>] (NumPy's <c>histogram(x, bins, range)</c>):
    /// every bin is half-open but the last, which holds <paramref name="max"/>; elements outside
    /// the range and NaN are not counted. Returns the lazy counts and the bins' edges
    /// (<paramref name="bins"/> + 1 of them, as NumPy's <c>linspace</c> gives).
    /// </summary>
    public static (BlockedArray<long> Counts, double[] Edges) Histogram<T>(BlockedArray<T> x, int bins, double min, double max)
        where T : unmanaged, INumber<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (!(min < max) || !double.IsFinite(min) || !double.IsFinite(max))
        {
            throw new ArgumentException($"The range must be finite with min < max; got [{min}, {max}]. Pass the data's range, e.g. from x.Min() and x.Max().");
        }
        var edges = new double[bins + 1];
        var step = (max - min) / bins;
        for (var i = 0; i < bins; i++)
        {
            edges[i] = min + (i * step);
        }
        edges[bins] = max;
        return (Histogram(x, edges, $"histogram-{bins}-{min}-{max}"), edges);
    }

    /// <summary>
    /// Counts of the elements between consecutive <paramref name="edges"/> (increasing; NumPy's
    /// <c>histogram(x, bins=edges)</c>): [edges[i], edges[i+1]) for every bin but the last, which is closed.
    /// </summary>
    public static BlockedArray<long> Histogram<T>(BlockedArray<T> x, double[] edges) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(edges);
        if (edges.Length < 2 || edges.Zip(edges.Skip(1)).Any(p => !(p.First < p.Second)))
        {
            throw new ArgumentException($"Bin edges must be at least two increasing values; got [{string.Join(", ", edges)}].", nameof(edges));
        }
        return Histogram(x, (double[])edges.Clone(), $"histogram-edges-{string.Join("_", edges)}");
    }

    /// <summary>Where each element of <paramref name="x"/> is one of <paramref name="values"/> (NumPy's <c>isin</c>).</summary>
    public static BlockedArray<bool> IsIn<T>(BlockedArray<T> x, IEnumerable<T> values) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(values);
        var set = values.ToHashSet();
        // Named by the sorted values, so equal calls share keys in every process (HashCode is seeded per process).
        var key = TaskKeys.Name("isin-values", set.Order().ToArray());
        return new(UserBlocks.Map<bool>("isin", [x.Node], null, (Func<T, bool>)set.Contains, key, (blocks, _) =>
        {
            var block = UserBlocks.ToTensor<T>(blocks[0]);
            var source = new T[block.FlattenedLength];
            block.FlattenTo(source);
            var result = new bool[source.Length];
            for (var i = 0; i < source.Length; i++)
            {
                result[i] = set.Contains(source[i]);
            }
            return Tensor.Create(result, block.Lengths);
        }));
    }

    private static BlockedArray<long> Histogram<T>(BlockedArray<T> x, double[] edges, string name) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var bins = edges.Length - 1;
        var grid = x.Node.Grid.RequireKnown("Histogram");
        if (x.Rank == 0)
        {
            return Histogram(x.Reshape(1), edges, name);
        }
        // Each block gives a line of counts along the last axis; the other axes shrink to one per block.
        var chunks = new ChunkGrid([.. grid.Chunks.Select((c, d) => d == grid.Rank - 1
            ? Enumerable.Repeat((long)bins, c.Count).ToArray()
            : Enumerable.Repeat(1L, c.Count).ToArray())]);
        var perBlock = new BlockedArray<long>(UserBlocks.Map<long>("histogram", [x.Node], chunks, (Func<double, int>)(v => Bin(v, edges)), name,
            (blocks, _) =>
            {
                var block = UserBlocks.ToTensor<T>(blocks[0]);
                var counts = new long[bins];
                foreach (var value in block)
                {
                    var bin = Bin(double.CreateChecked(value), edges);
                    if (bin >= 0)
                    {
                        counts[bin]++;
                    }
                }
                return Tensor.Create(counts, [.. Enumerable.Repeat((nint)1, grid.Rank - 1), bins]);
            }));
        var lastAxisBlocks = grid.Chunks[^1].Count;
        var lines = grid.Rank > 1 ? perBlock.Sum([.. Enumerable.Range(0, grid.Rank - 1)]) : perBlock;
        return lines.Reshape(lastAxisBlocks, bins).Sum(0);
    }

    /// <summary>The bin of <paramref name="value"/>, or -1 outside the edges (NaN too), NumPy's rule: the last bin is closed.</summary>
    private static int Bin(double value, double[] edges)
    {
        var last = edges.Length - 1;
        if (!(value >= edges[0] && value <= edges[last]))
        {
            return -1;
        }
        if (value == edges[last])
        {
            return last - 1;
        }
        // The last edge not greater than the value: bins are [edges[i], edges[i+1]).
        var at = Array.BinarySearch(edges, value);
        return at >= 0 ? at : ~at - 1;
    }
}
