using Tessera.Arrays.Lazy;
using Tessera.Scheduling;

namespace Tessera.Arrays.Structure;

/// <summary>
/// Row-major reshape as dask does it. The axes of length other than 1 fall into groups whose
/// lengths multiply to the same product on both sides (e.g. (6, 4) → (24,) or (12,) → (3, 4)).
/// Within a group, a block is a contiguous run of the group's elements when every input axis
/// after the group's first is whole, and the run maps onto whole output rows when its length
/// is a multiple of the product of the output axes after the first. Then each block is
/// reshaped on its own (a view, no copy). Otherwise the input is rechunked first: trailing
/// axes of the group whole, the first axis cut so a block stays near its former size.
/// </summary>
internal static class ReshapePlan
{
    public static ArrayNode Of(ArrayNode source, long[] requested)
    {
        source.Grid.RequireKnown("Reshape");
        var from = source.Grid.Shape;
        var shape = Resolve(from, requested);
        if (from.SequenceEqual(shape))
        {
            return source;
        }
        var name = TaskKeys.Name("reshape", source.Name, shape);
        if (source.Grid.ElementCount == 0)
        {
            // Nothing to move: one empty block per axis.
            return new BlocksNode(name, new ChunkGrid([.. shape.Select(s => new[] { s })]), source.DType, "reshape",
                (backend, _, blockShape) => backend.Allocate(source.DType, blockShape));
        }
        var inAxes = Enumerable.Range(0, from.Count).Where(d => from[d] != 1).ToArray();
        var outAxes = Enumerable.Range(0, shape.Length).Where(d => shape[d] != 1).ToArray();
        var inputChunks = source.Grid.Chunks.Select((c, d) => from[d] == 1 ? [1L] : c.ToArray()).ToArray();
        var outputChunks = shape.Select(s => new[] { s }).ToArray();
        int i = 0, j = 0;
        while (i < inAxes.Length)
        {
            var (i0, o0) = (inAxes[i], outAxes[j]);
            long p = from[inAxes[i++]], q = shape[outAxes[j++]];
            while (p != q)
            {
                if (p < q)
                {
                    p *= from[inAxes[i++]];
                }
                else
                {
                    q *= shape[outAxes[j++]];
                }
            }
            // The group is input axes i0 .. inAxes[i-1] and output axes o0 .. outAxes[j-1].
            var trailingIn = inAxes[(Array.IndexOf(inAxes, i0) + 1)..i];
            var inner = trailingIn.Aggregate(1L, (a, d) => a * from[d]);
            var outer = outAxes[(Array.IndexOf(outAxes, o0) + 1)..j].Aggregate(1L, (a, d) => a * shape[d]);
            var aligned = trailingIn.All(d => inputChunks[d].Length == 1) && inputChunks[i0].All(c => c * inner % outer == 0);
            if (!aligned)
            {
                var unit = outer / Gcd(inner, outer);
                var budget = new[] { i0 }.Concat(trailingIn).Aggregate(1L, (a, d) => a * inputChunks[d].Max());
                var size = Math.Max(unit, budget / inner / unit * unit);
                inputChunks[i0] = ChunkGrid.Split(from[i0], size, i0);
                foreach (var d in trailingIn)
                {
                    inputChunks[d] = [from[d]];
                }
            }
            outputChunks[o0] = [.. inputChunks[i0].Select(c => c * inner / outer)];
        }
        var input = Rechunk.To(source, new ChunkGrid(inputChunks));
        return BlockViews.Reshape(input, new ChunkGrid(outputChunks), "reshape", shape);
    }

    /// <summary>The target shape with a -1 filled in, checked against the array's size with NumPy's messages.</summary>
    private static long[] Resolve(IReadOnlyList<long> from, long[] requested)
    {
        var size = from.Aggregate(1L, (a, b) => a * b);
        if (requested.Count(s => s == -1) > 1)
        {
            throw new ArgumentException($"can only specify one unknown dimension: {BlockShapes.Requested(requested)}.", nameof(requested));
        }
        if (requested.Any(s => s < -1))
        {
            throw new ArgumentException($"negative dimensions not allowed: {BlockShapes.Requested(requested)}.", nameof(requested));
        }
        var known = requested.Where(s => s != -1).Aggregate(1L, (a, b) => a * b);
        var unknown = Array.IndexOf(requested, -1L);
        var fits = unknown < 0 ? known == size : known != 0 && size % known == 0;
        if (!fits)
        {
            throw new ArgumentException(
                $"cannot reshape array of size {size} into shape {BlockShapes.Requested(requested)}.", nameof(requested));
        }
        var shape = (long[])requested.Clone();
        if (unknown >= 0)
        {
            shape[unknown] = size / known;
        }
        return shape;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
