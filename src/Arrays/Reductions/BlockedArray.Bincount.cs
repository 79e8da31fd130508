using System.Numerics;
using System.Numerics.Tensors;
using Tessera.Arrays.Blocks;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;

namespace Tessera.Arrays;

/// <summary>
/// Counts of non-negative integers, as NumPy's <c>bincount</c>: every block counts its own values
/// into a line of bins, and the lines are summed in a tree (as <see cref="Histogram{T}(BlockedArray{T}, double[])"/>).
/// </summary>
public static partial class BlockedArray
{
    /// <summary>
    /// How many times each value 0..n−1 occurs in the 1-D integer array <paramref name="x"/>, with
    /// n = max(<paramref name="minLength"/>, max(x) + 1) as in NumPy. Unless
    /// <paramref name="length"/> fixes n (dask's <c>minlength</c> with known chunks), finding
    /// max(x) computes x once now, as NumPy also reads the data first.
    /// </summary>
    /// <exception cref="ArgumentException">x is not 1-D, or holds a negative value (when computed).</exception>
    public static BlockedArray<long> Bincount<T>(BlockedArray<T> x, long minLength = 0, long? length = null)
        where T : unmanaged, IBinaryInteger<T>
    {
        var n = BincountLength(x, minLength, length);
        return Bincount<T, long>(x, null, n);
    }

    /// <summary>
    /// The sums of <paramref name="weights"/> per value of <paramref name="x"/> (NumPy's
    /// <c>bincount(x, weights)</c>): output[v] is the sum of weights[i] over the i with x[i] == v.
    /// </summary>
    public static BlockedArray<double> Bincount<T>(BlockedArray<T> x, BlockedArray<double> weights, long minLength = 0, long? length = null)
        where T : unmanaged, IBinaryInteger<T>
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (x is not null && !weights.Shape.SequenceEqual(x.Shape))
        {
            throw new ArgumentException(
                $"Weights of shape ({string.Join(", ", weights.Shape)}) do not fit x of shape ({string.Join(", ", x.Shape)}); give one weight per element.",
                nameof(weights));
        }
        var n = BincountLength(x!, minLength, length);
        return Bincount<T, double>(x!, weights, n);
    }

    private static long BincountLength<T>(BlockedArray<T> x, long minLength, long? length) where T : unmanaged, IBinaryInteger<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 1)
        {
            throw new ArgumentException($"Bincount counts a 1-D array; got {x.Rank} axes. Flatten it first with x.Reshape(n), n its number of elements.", nameof(x));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(minLength);
        if (length is { } fixedLength)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(fixedLength, Math.Max(1, minLength), nameof(length));
            return fixedLength;
        }
        var max = x.Shape[0] == 0 ? -1 : long.CreateChecked(x.Max().Compute());
        return Math.Max(minLength, max + 1);
    }

    // Counts (weights null) add one per element; weighted sums add the element's weight. The branch on
    // weights is per block, not per element: a delegate call per element was most of a block's time.
    private static BlockedArray<TOut> Bincount<T, TOut>(BlockedArray<T> x, BlockedArray<double>? weights, long n)
        where T : unmanaged, IBinaryInteger<T> where TOut : unmanaged, INumber<TOut>
    {
        if (n > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(x), n, $"Bincount would make {n} bins, more than one array holds; the largest value is too large.");
        }
        var bins = (int)n;
        var inputs = weights is null ? new[] { x.Node } : [x.Node, weights.Node];
        var blocks = x.Chunks.Chunks[0].Count;
        var chunks = new ChunkGrid([Enumerable.Repeat(n, blocks).ToArray()]);
        Func<IDeviceBuffer[], BlockInfo, Tensor<TOut>> count = (given, info) =>
            {
                var values = HostBlock.Of<T>(given[0]).Span;
                var w = weights is null ? default : HostBlock.Of<double>(given[1]).Span;
                var counts = new TOut[bins];
                var last = T.CreateSaturating(n - 1);
                var start = info.Inputs[0].ArrayLocation[0].Start;
                if (weights is null)
                {
                    for (var i = 0; i < values.Length; i++)
                    {
                        counts[Bin(values[i], last, n, start + i)] += TOut.One;
                    }
                }
                else
                {
                    for (var i = 0; i < values.Length; i++)
                    {
                        counts[Bin(values[i], last, n, start + i)] += TOut.CreateTruncating(w[i]);
                    }
                }
                return Tensor.Create(counts, [bins]);
            };
        var perBlock = new BlockedArray<TOut>(UserBlocks.Map<TOut>("bincount", inputs, chunks, count, $"bincount-{n}-{typeof(TOut).Name}", count));
        return perBlock.Reshape(blocks, n).Sum(0);
    }

    private static int Bin<T>(T value, T last, long n, long at) where T : unmanaged, IBinaryInteger<T>
    {
        if (T.IsNegative(value) || value > last)
        {
            ThrowOutOfBins(value, n, at);
        }
        return int.CreateTruncating(value);
    }

    // Apart from Bin so that Bin stays small enough to inline into the counting loops.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowOutOfBins<T>(T value, long n, long at) where T : unmanaged, IBinaryInteger<T> =>
        throw new ArgumentException(T.IsNegative(value)
            ? $"Bincount counts non-negative integers; element {at} is {value}."
            : $"Element {at} is {value}, past the {n} bins asked for; give a larger length, or none to size the bins from the data.");
}
