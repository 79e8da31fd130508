using Tessera.Arrays.Lazy;
using Tessera.Arrays.Structure;

namespace Tessera.Arrays.LinearAlgebra;

/// <summary>
/// What each axis of the two operands of a product does. Batch axes pair up one to one (and
/// broadcast, as matmul's leading axes); contracted axes are summed over in pairs; free axes
/// are kept. The result's axes are the batch axes, then a's free axes, then b's, the order
/// numpy.matmul, numpy.dot and numpy.tensordot all give.
/// </summary>
/// <param name="Operation">The NumPy function being computed, for messages.</param>
/// <param name="BatchA">Per batch axis of the result: a's axis, or -1 where a has none (fewer leading axes).</param>
/// <param name="BatchB">Per batch axis of the result: b's axis, or -1.</param>
/// <param name="FreeA">a's kept axes, in the result's order.</param>
/// <param name="FreeB">b's kept axes, in the result's order.</param>
/// <param name="ContractA">a's summed axes, paired with <paramref name="ContractB"/>.</param>
/// <param name="ContractB">b's summed axes.</param>
internal sealed record ContractionPlan(string Operation, int[] BatchA, int[] BatchB, int[] FreeA, int[] FreeB, int[] ContractA, int[] ContractB)
{
    public int BatchRank => BatchA.Length;

    /// <summary>
    /// numpy.matmul: <c>(…, n, k) @ (…, k, m)</c> with the leading axes broadcast; a 1-D a is a
    /// row (its n axis then absent from the result), a 1-D b a column (its m axis absent).
    /// </summary>
    public static ContractionPlan MatMul(IReadOnlyList<long> a, IReadOnlyList<long> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            throw new ArgumentException(
                $"matmul: Input operand {(a.Count == 0 ? 0 : 1)} does not have enough dimensions: shapes {BlockShapes.Text(a)} @ " +
                $"{BlockShapes.Text(b)}. matmul needs 1-D or more; to scale by a 0-D array use Dot or *.");
        }
        var batchA = Math.Max(0, a.Count - 2);
        var batchB = Math.Max(0, b.Count - 2);
        var batch = Math.Max(batchA, batchB);
        return new("matmul",
            [.. Enumerable.Range(0, batch).Select(p => p - (batch - batchA))],
            [.. Enumerable.Range(0, batch).Select(p => p - (batch - batchB))],
            a.Count == 1 ? [] : [a.Count - 2],
            b.Count == 1 ? [] : [b.Count - 1],
            [a.Count - 1],
            [b.Count == 1 ? 0 : b.Count - 2]);
    }

    /// <summary>numpy.tensordot with explicit axis lists (negatives count from the end; each axis at most once).</summary>
    public static ContractionPlan Tensordot(string operation, int rankA, int rankB, int[] axesA, int[] axesB)
    {
        if (axesA.Length != axesB.Length)
        {
            throw new ArgumentException(
                $"{operation}: {axesA.Length} axes of the first array are paired with {axesB.Length} of the second; give as many of each.");
        }
        var contractA = axesA.Select(x => Axes.Normalize(x, rankA)).ToArray();
        var contractB = axesB.Select(x => Axes.Normalize(x, rankB)).ToArray();
        if (contractA.Distinct().Count() != contractA.Length || contractB.Distinct().Count() != contractB.Length)
        {
            throw new ArgumentException(
                $"{operation}: an axis is listed twice in [{string.Join(", ", axesA)}] / [{string.Join(", ", axesB)}]; sum over each axis once.");
        }
        return new(operation, [], [],
            [.. Enumerable.Range(0, rankA).Where(d => !contractA.Contains(d))],
            [.. Enumerable.Range(0, rankB).Where(d => !contractB.Contains(d))],
            contractA, contractB);
    }

    /// <summary>numpy.tensordot with an integer: the last <paramref name="count"/> axes of a against the first of b.</summary>
    public static ContractionPlan Tensordot(int rankA, int rankB, int count)
    {
        if (count < 0 || count > rankA || count > rankB)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"tensordot: cannot sum over {count} axes of arrays with {rankA} and {rankB} axes; give 0 to {Math.Min(rankA, rankB)}.");
        }
        return Tensordot("tensordot", rankA, rankB, [.. Enumerable.Range(rankA - count, count)], [.. Enumerable.Range(0, count)]);
    }

    /// <summary>numpy.dot for operands of 1-D or more: a's last axis against b's only axis, or its second-to-last.</summary>
    public static ContractionPlan Dot(int rankA, int rankB) =>
        Tensordot("dot", rankA, rankB, [rankA - 1], [Math.Max(0, rankB - 2)]);
}
