using System.Numerics;
using Tessera.Arrays.LinearAlgebra;

namespace Tessera.Arrays;

public static partial class BlockedArray
{
    /// <summary>
    /// Einstein summation, as numpy.einsum and dask's <c>einsum</c>: <paramref name="subscripts"/>
    /// labels each operand's axes (<c>"ij,jk->ik"</c>; <c>...</c> for unnamed leading axes; without
    /// <c>-&gt;</c> the output is the labels used once, in order). Repeated labels in one operand
    /// take its diagonal (<c>"ii->i"</c>, <c>"ii"</c> the trace). Operands are combined left to right:
    /// a pair sharing only labels summed away becomes one <see cref="Tensordot{T}(BlockedArray{T}, BlockedArray{T}, int[], int[], int)"/>
    /// (blockwise GEMMs); labels kept in the output (batch axes) or broadcast go through a
    /// broadcast product whose summed axes reduce in the same fused kernel. Labels no later term
    /// uses are summed as early as possible.
    /// </summary>
    /// <exception cref="ArgumentException">A malformed string, a term that does not match its operand's rank, or axes of one label with different lengths.</exception>
    public static BlockedArray<T> Einsum<T>(string subscripts, params BlockedArray<T>[] operands) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(operands);
        if (operands.Length == 0)
        {
            throw new ArgumentException("Einsum needs at least one operand.", nameof(operands));
        }
        var parsed = EinsumSubscripts.Parse(subscripts, [.. operands.Select(o => o.Rank)]);
        var sizes = EinsumLowering.LabelSizes(subscripts, parsed, operands);
        var terms = operands.Select((o, i) => EinsumLowering.Diagonals(o, parsed.Inputs[i], sizes)).ToList();
        var current = terms[0];
        for (var i = 1; i < terms.Count; i++)
        {
            var later = terms.Skip(i + 1).SelectMany(t => t.Labels).Concat(parsed.Output).ToHashSet();
            current = EinsumLowering.SumUnused(current, [.. later, .. terms[i].Labels]);
            var next = EinsumLowering.SumUnused(terms[i], [.. later, .. current.Labels]);
            current = EinsumLowering.Pair(current, next, later);
        }
        current = EinsumLowering.SumUnused(current, [.. parsed.Output]);
        var permutation = parsed.Output.Select(l => Array.IndexOf(current.Labels, l)).ToArray();
        return permutation.Length > 1 && !permutation.SequenceEqual(Enumerable.Range(0, permutation.Length))
            ? current.Array.Transpose(permutation)
            : current.Array;
    }
}
