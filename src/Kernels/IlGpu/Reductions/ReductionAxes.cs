using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.IlGpu.Reductions;

/// <summary>
/// How (output element, reduced element) maps to the prologue's iteration index: the broadcast
/// shape's axes with size-1 axes dropped and neighbours of the same class (kept or reduced) merged,
/// each as (extent, stride into the flat row-major broadcast index). The kernels decompose the
/// output index over the kept axes and the reduced index over the reduced ones (both row-major, so
/// arg* report the flat index along the reduced axes, as NumPy's).
/// </summary>
internal sealed class ReductionAxes
{
    private ReductionAxes(int[] table, int keptAxes, int reducedAxes, int outputs, int reduced)
    {
        Table = table;
        KeptAxes = keptAxes;
        ReducedAxes = reducedAxes;
        Outputs = outputs;
        Reduced = reduced;
    }

    /// <summary>(extent, stride) pairs: the kept axes, then the reduced ones, outermost first.</summary>
    public int[] Table { get; }

    /// <summary>Merged kept axes.</summary>
    public int KeptAxes { get; }

    /// <summary>Merged reduced axes.</summary>
    public int ReducedAxes { get; }

    /// <summary>Output elements.</summary>
    public int Outputs { get; }

    /// <summary>Elements folded into each output.</summary>
    public int Reduced { get; }

    /// <summary>The map of reducing <paramref name="shape"/> over <paramref name="axes"/> (normalised, non-negative).</summary>
    /// <exception cref="NotSupportedException">The shape has 2^31 elements or more (device indexes are int32).</exception>
    public static ReductionAxes Create(int[] shape, IReadOnlySet<int> axes)
    {
        var total = Shapes.Length(shape);
        if (total > int.MaxValue)
        {
            throw new NotSupportedException(
                $"Reducing {Shapes.Format(shape)} ({total} elements) exceeds the ILGPU kernels' int32 indexes (2^31 - 1 elements). " +
                "Reduce smaller chunks and combine their results.");
        }
        var kept = new List<(int Extent, int Stride)>();
        var reduced = new List<(int Extent, int Stride)>();
        long stride = 1;
        bool? lastReduced = null;
        // Innermost first, so merging multiplies into the axis just inside.
        for (var k = shape.Length - 1; k >= 0; k--)
        {
            var isReduced = axes.Contains(k);
            if (shape[k] != 1)
            {
                var list = isReduced ? reduced : kept;
                if (lastReduced == isReduced)
                {
                    list[^1] = (list[^1].Extent * shape[k], list[^1].Stride);
                }
                else
                {
                    list.Add((shape[k], (int)stride));
                }
                lastReduced = isReduced;
            }
            stride *= shape[k];
        }
        kept.Reverse();
        reduced.Reverse();
        var table = kept.Concat(reduced).SelectMany(a => new[] { a.Extent, a.Stride }).ToArray();
        var outputs = kept.Aggregate(1L, (p, a) => p * a.Extent);
        var count = reduced.Aggregate(1L, (p, a) => p * a.Extent);
        return new ReductionAxes(table.Length == 0 ? [1, 0] : table, kept.Count, reduced.Count, (int)outputs, (int)count);
    }
}
