using System.Numerics;
using System.Numerics.Tensors;
using Tessera.Arrays.Blocks;
using Tessera.Arrays.Structure;

namespace Tessera.Arrays;

/// <summary>
/// Coarsening, as dask's <c>coarsen(reduction, x, axes)</c>: non-overlapping windows of
/// <c>factor</c> elements per axis are each reduced to one element (downsampling a grid by
/// block means, say). Windows never cross a block: blocks whose length along a coarsened axis is
/// not a multiple of its factor are first rechunked to one that is (dask raises instead).
/// </summary>
public static partial class BlockedArray
{
    /// <summary>
    /// Reduces every window of <paramref name="factors"/> (axis → window length) with
    /// <paramref name="reduction"/>. Each coarsened axis must have a multiple of its factor of
    /// elements, unless <paramref name="trimExcess"/> drops the elements past the last whole window.
    /// </summary>
    public static BlockedArray<T> Coarsen<T>(BlockedArray<T> x, CoarsenReduction reduction, IReadOnlyDictionary<int, int> factors, bool trimExcess = false)
        where T : unmanaged, INumber<T>
    {
        if (reduction == CoarsenReduction.Mean && !DTypes.Of<T>().IsFloatingPoint())
        {
            throw new ArgumentException(
                $"A mean of {typeof(T).Name} windows is not a {typeof(T).Name}; convert first, e.g. BlockedArray.Coarsen(x.Astype<double>(), CoarsenReduction.Mean, ...).",
                nameof(reduction));
        }
        return Coarsen(x, WindowReducer<T>(reduction), factors, trimExcess, $"coarsen-{reduction}");
    }

    /// <summary>
    /// Reduces every window of <paramref name="factors"/> with a function of the window's elements
    /// (in row-major order), as dask's coarsen with any NumPy reduction.
    /// </summary>
    public static BlockedArray<T> Coarsen<T>(BlockedArray<T> x, Func<T[], T> reduction, IReadOnlyDictionary<int, int> factors, bool trimExcess = false)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(reduction);
        return Coarsen(x, reduction, factors, trimExcess, null);
    }

    private static BlockedArray<T> Coarsen<T>(BlockedArray<T> x, Func<T[], T> reduction, IReadOnlyDictionary<int, int> factors, bool trimExcess, string? name)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(factors);
        var grid = x.Node.Grid.RequireKnown("Coarsen");
        var factor = Enumerable.Repeat(1, x.Rank).ToArray();
        foreach (var (given, f) in factors)
        {
            var axis = Axes.Normalize(given, x.Rank);
            if (f < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(factors), f, $"The window along axis {given} must be at least 1 element; got {f}.");
            }
            factor[axis] = f;
        }
        var input = x;
        for (var a = 0; a < x.Rank; a++)
        {
            var excess = grid.Shape[a] % factor[a];
            if (excess == 0)
            {
                continue;
            }
            if (!trimExcess)
            {
                throw new ArgumentException(
                    $"Axis {a} has {grid.Shape[a]} elements, not a multiple of its window {factor[a]}; pass trimExcess: true to drop " +
                    $"the last {excess}, or pad the array to {grid.Shape[a] + factor[a] - excess}.", nameof(factors));
            }
            input = input.Slice(a, 0, grid.Shape[a] - excess);
        }
        var aligned = new Dictionary<int, long>();
        for (var a = 0; a < input.Rank; a++)
        {
            var chunks = input.Chunks.Chunks[a];
            if (chunks.Any(c => c % factor[a] != 0))
            {
                aligned[a] = Math.Max(factor[a], (long)Math.Round((double)chunks[0] / factor[a]) * factor[a]);
            }
        }
        if (aligned.Count > 0)
        {
            input = input.Rechunk(aligned);
        }
        var output = new ChunkGrid([.. input.Chunks.Chunks.Select((c, a) => c.Select(s => s / factor[a]).ToArray())]);
        var key = name is null ? null : $"{name}-{string.Join("_", factor)}";
        return new BlockedArray<T>(UserBlocks.Map<T>("coarsen", [input.Node], output, reduction, key,
            (blocks, _) => CoarsenBlock(UserBlocks.ToTensor<T>(blocks[0]), factor, reduction)));
    }

    /// <summary>Gathers each window's elements (row-major within the window) and reduces them.</summary>
    private static Tensor<T> CoarsenBlock<T>(Tensor<T> block, int[] factor, Func<T[], T> reduction)
    {
        var shape = block.Lengths.ToArray();
        var rank = shape.Length;
        var values = new T[block.FlattenedLength];
        block.FlattenTo(values);
        var outShape = shape.Select((s, a) => s / factor[a]).ToArray();
        var windowSize = factor.Aggregate(1, (p, f) => p * f);
        var outCount = values.Length / windowSize;
        var windows = new T[values.Length];
        var index = new int[rank];
        for (var flat = 0; flat < values.Length; flat++)
        {
            var o = 0;
            var w = 0;
            for (var a = 0; a < rank; a++)
            {
                o = (o * (int)outShape[a]) + (index[a] / factor[a]);
                w = (w * factor[a]) + (index[a] % factor[a]);
            }
            windows[(o * windowSize) + w] = values[flat];
            for (var a = rank - 1; a >= 0 && ++index[a] == shape[a]; a--)
            {
                index[a] = 0;
            }
        }
        var result = new T[outCount];
        var window = new T[windowSize];
        for (var o = 0; o < outCount; o++)
        {
            windows.AsSpan(o * windowSize, windowSize).CopyTo(window);
            result[o] = reduction(window);
        }
        return Tensor.Create(result, outShape);
    }

    private static Func<T[], T> WindowReducer<T>(CoarsenReduction reduction) where T : unmanaged, INumber<T> => reduction switch
    {
        CoarsenReduction.Sum => w => Fold(w, T.Zero, (a, b) => a + b),
        CoarsenReduction.Prod => w => Fold(w, T.One, (a, b) => a * b),
        CoarsenReduction.Mean => w => Fold(w, T.Zero, (a, b) => a + b) / T.CreateChecked(w.Length),
        CoarsenReduction.Min => w => Fold(w, w[0], (a, b) => T.IsNaN(a) || T.IsNaN(b) ? (T.IsNaN(a) ? a : b) : b < a ? b : a),
        CoarsenReduction.Max => w => Fold(w, w[0], (a, b) => T.IsNaN(a) || T.IsNaN(b) ? (T.IsNaN(a) ? a : b) : b > a ? b : a),
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Use Sum, Mean, Min, Max or Prod, or pass a function of the window."),
    };

    private static T Fold<T>(T[] window, T seed, Func<T, T, T> step)
    {
        var acc = seed;
        foreach (var v in window)
        {
            acc = step(acc, v);
        }
        return acc;
    }
}
