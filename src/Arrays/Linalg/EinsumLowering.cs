using System.Numerics;

namespace Tessera.Arrays.LinearAlgebra;

/// <summary>An array whose axes carry einsum labels.</summary>
internal sealed record LabelledArray<T>(BlockedArray<T> Array, char[] Labels) where T : unmanaged;

/// <summary>
/// The steps einsum lowers to: diagonals of repeated labels, sums of labels no longer needed,
/// and the pairwise product (Tensordot when it can, else a broadcast product and a sum).
/// </summary>
internal static class EinsumLowering
{
    /// <summary>Each label's length; lengths of one label must agree (ellipsis axes may broadcast from 1).</summary>
    public static Dictionary<char, long> LabelSizes<T>(string subscripts, EinsumSubscripts parsed, BlockedArray<T>[] operands) where T : unmanaged
    {
        var sizes = new Dictionary<char, long>();
        for (var i = 0; i < operands.Length; i++)
        {
            for (var d = 0; d < parsed.Inputs[i].Length; d++)
            {
                var label = parsed.Inputs[i][d];
                var size = operands[i].Shape[d];
                if (!sizes.TryGetValue(label, out var known) || known == 1 && !char.IsAsciiLetter(label))
                {
                    sizes[label] = size;
                }
                else if (known != size && !(size == 1 && !char.IsAsciiLetter(label)))
                {
                    throw new ArgumentException(
                        $"Einsum '{subscripts}': {Describe(label)} has length {known} in one place and {size} in operand {i} (axis {d}). " +
                        "Axes sharing a label must have equal lengths.", nameof(subscripts));
                }
            }
        }
        return sizes;
    }

    private static string Describe(char label) => char.IsAsciiLetter(label) ? $"label '{label}'" : $"ellipsis axis {label - '\u0100'}";

    /// <summary>The operand with each repeated label reduced to its diagonal: x·I summed over the second axis of the pair, I an identity chunked like the pair.</summary>
    public static LabelledArray<T> Diagonals<T>(BlockedArray<T> array, char[] labels, Dictionary<char, long> sizes) where T : unmanaged, INumber<T>
    {
        var current = new LabelledArray<T>(array, labels);
        while (true)
        {
            var l = current.Labels;
            var first = Enumerable.Range(0, l.Length).FirstOrDefault(p => Array.IndexOf(l, l[p], p + 1) >= 0, -1);
            if (first < 0)
            {
                return current;
            }
            var second = Array.IndexOf(l, l[first], first + 1);
            var x = current.Array;
            var eye = BlockedArray.Eye<T>(sizes[l[first]], chunks: ChunkSpec.Explicit([.. x.Chunks.Chunks[first]], [.. x.Chunks.Chunks[second]]));
            var shape = Enumerable.Repeat(1L, x.Rank).ToArray();
            shape[first] = x.Shape[first];
            shape[second] = x.Shape[second];
            // Move the identity's two axes to the pair's places: reshape it to a rank-x array of ones elsewhere.
            var placed = eye.Reshape(shape);
            current = new((x * placed).Sum(second), [.. l.Where((_, i) => i != second)]);
        }
    }

    /// <summary>Sums away the labels of <paramref name="term"/> not in <paramref name="needed"/>.</summary>
    public static LabelledArray<T> SumUnused<T>(LabelledArray<T> term, HashSet<char> needed) where T : unmanaged
    {
        var unused = Enumerable.Range(0, term.Labels.Length).Where(d => !needed.Contains(term.Labels[d])).ToArray();
        return unused.Length == 0 ? term : new(term.Array.Sum(unused), [.. term.Labels.Where(l => needed.Contains(l))]);
    }

    /// <summary>
    /// The product of two terms, summed over the labels they share that <paramref name="later"/>
    /// (later terms and the output) does not use. Tensordot when every shared label is summed and
    /// the shared axes have equal lengths; otherwise a broadcast product reduced over those labels.
    /// </summary>
    public static LabelledArray<T> Pair<T>(LabelledArray<T> a, LabelledArray<T> b, HashSet<char> later) where T : unmanaged
    {
        var shared = a.Labels.Intersect(b.Labels).ToArray();
        var summed = shared.Where(l => !later.Contains(l)).ToArray();
        var sameLengths = shared.All(l => a.Array.Shape[Array.IndexOf(a.Labels, l)] == b.Array.Shape[Array.IndexOf(b.Labels, l)]);
        var floating = typeof(T) == typeof(double) || typeof(T) == typeof(float);
        if (summed.Length == shared.Length && sameLengths && floating)
        {
            var axesA = summed.Select(l => Array.IndexOf(a.Labels, l)).ToArray();
            var axesB = summed.Select(l => Array.IndexOf(b.Labels, l)).ToArray();
            return new(BlockedArray.Tensordot(a.Array, b.Array, axesA, axesB),
                [.. a.Labels.Where(l => !summed.Contains(l)), .. b.Labels.Where(l => !summed.Contains(l))]);
        }
        char[] union = [.. a.Labels, .. b.Labels.Where(l => !a.Labels.Contains(l))];
        var product = Align(a, union) * Align(b, union);
        var axes = summed.Select(l => Array.IndexOf(union, l)).ToArray();
        return axes.Length == 0 ? new(product, union) : new(product.Sum(axes), [.. union.Where(l => !summed.Contains(l))]);
    }

    /// <summary>The term's axes permuted into <paramref name="union"/>'s order, with length-1 axes for the labels it lacks (NumPy broadcasting).</summary>
    private static BlockedArray<T> Align<T>(LabelledArray<T> term, char[] union) where T : unmanaged
    {
        var present = union.Where(l => term.Labels.Contains(l)).ToArray();
        var permutation = present.Select(l => Array.IndexOf(term.Labels, l)).ToArray();
        var x = permutation.SequenceEqual(Enumerable.Range(0, permutation.Length)) || permutation.Length < 2 ? term.Array : term.Array.Transpose(permutation);
        for (var d = 0; d < union.Length; d++)
        {
            if (!term.Labels.Contains(union[d]))
            {
                x = x.ExpandDims(d);
            }
        }
        return x;
    }
}
