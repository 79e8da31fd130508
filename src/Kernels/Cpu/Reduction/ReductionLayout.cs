namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// The input's axes seen by a reduction: size-1 axes dropped and adjacent axes of the same class
/// (both reduced, or both kept) merged, so classes alternate and the innermost merged axis is
/// one long run. A run of a reduced axis feeds one accumulator; a run of a kept axis feeds
/// consecutive accumulators. Output and reduced-index strides are row-major over the kept and
/// reduced axes respectively (arg* report the flat index within the reduced axes).
/// </summary>
internal sealed class ReductionLayout
{
    private ReductionLayout(int[] extents, bool[] reduced, long[] outputStrides, long[] reducedStrides, long outputLength, long reducedLength)
    {
        Extents = extents;
        Reduced = reduced;
        OutputStrides = outputStrides;
        ReducedStrides = reducedStrides;
        OutputLength = outputLength;
        ReducedLength = reducedLength;
    }

    public int[] Extents { get; }

    public bool[] Reduced { get; }

    /// <summary>Output stride of each merged axis (0 on reduced axes).</summary>
    public long[] OutputStrides { get; }

    /// <summary>Reduced-index stride of each merged axis (0 on kept axes).</summary>
    public long[] ReducedStrides { get; }

    public long OutputLength { get; }

    /// <summary>Elements folded into each output (the product of the reduced extents).</summary>
    public long ReducedLength { get; }

    public static ReductionLayout Create(IReadOnlyList<int> shape, IReadOnlySet<int> axes)
    {
        long outputLength = 1;
        long reducedLength = 1;
        var extents = new List<int>();
        var reduced = new List<bool>();
        for (var k = 0; k < shape.Count; k++)
        {
            var isReduced = axes.Contains(k);
            if (isReduced)
            {
                reducedLength *= shape[k];
            }
            else
            {
                outputLength *= shape[k];
            }
            if (shape[k] == 1)
            {
                continue;
            }
            if (extents.Count > 0 && reduced[^1] == isReduced)
            {
                extents[^1] *= shape[k];
                continue;
            }
            extents.Add(shape[k]);
            reduced.Add(isReduced);
        }
        if (extents.Count == 0)
        {
            // Every axis has one element (or there are none): one element, one output.
            extents.Add(1);
            reduced.Add(true);
        }
        var n = extents.Count;
        var outputStrides = new long[n];
        var reducedStrides = new long[n];
        long o = 1, r = 1;
        for (var k = n - 1; k >= 0; k--)
        {
            if (reduced[k])
            {
                reducedStrides[k] = r;
                r *= extents[k];
            }
            else
            {
                outputStrides[k] = o;
                o *= extents[k];
            }
        }
        return new ReductionLayout([.. extents], [.. reduced], outputStrides, reducedStrides, outputLength, reducedLength);
    }
}
