using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Gpu;

/// <summary>
/// The shape tables generated kernels read from their <c>layout</c> parameter (a device array of
/// 64-bit integers, built here on the host). Axes of extent 1 are dropped and neighbouring axes
/// merged wherever every input is contiguous across them, so the common same-shape case is one
/// axis and the kernel's index arithmetic is a single multiply.
/// </summary>
internal static class GpuLayout
{
    /// <summary>
    /// <c>[rank, dims[rank], strides of input 0[rank], ..., strides of input n-1[rank]]</c>, strides in
    /// elements, 0 on broadcast axes; rank is at least 1. Throws when an input does not broadcast
    /// to <paramref name="output"/>.
    /// </summary>
    public static long[] Elementwise(IReadOnlyList<int> output, IReadOnlyList<IReadOnlyList<int>> inputs)
    {
        var strides = inputs.Select((shape, k) => Shapes.BroadcastStrides(shape, output, $"Input {k}")).ToArray();
        var (dims, merged) = Merge(Enumerable.Range(0, output.Count).ToList(), output, strides);
        if (dims.Count == 0)
        {
            dims.Add(1);
            foreach (var m in merged)
            {
                m.Add(0);
            }
        }
        var table = new List<long> { dims.Count };
        table.AddRange(dims);
        foreach (var m in merged)
        {
            table.AddRange(m);
        }
        return [.. table];
    }

    /// <summary>
    /// <c>[keptRank, reducedRank, keptDims, reducedDims, then per input: keptStrides, reducedStrides]</c>
    /// over the broadcast <paramref name="shape"/>. Output index o is row-major over the kept axes,
    /// reduced index r row-major over the reduced axes (what arg* report). Either rank may be 0.
    /// </summary>
    public static long[] Reduction(IReadOnlyList<int> shape, IReadOnlySet<int> axes, IReadOnlyList<IReadOnlyList<int>> inputs)
    {
        var strides = inputs.Select((s, k) => Shapes.BroadcastStrides(s, shape, $"Input {k}")).ToArray();
        var kept = Enumerable.Range(0, shape.Count).Where(a => !axes.Contains(a)).ToList();
        var reduced = Enumerable.Range(0, shape.Count).Where(axes.Contains).ToList();
        var (keptDims, keptStrides) = Merge(kept, shape, strides);
        var (reducedDims, reducedStrides) = Merge(reduced, shape, strides);
        var table = new List<long> { keptDims.Count, reducedDims.Count };
        table.AddRange(keptDims);
        table.AddRange(reducedDims);
        for (var k = 0; k < inputs.Count; k++)
        {
            table.AddRange(keptStrides[k]);
            table.AddRange(reducedStrides[k]);
        }
        return [.. table];
    }

    // Keeps the listed axes of extent > 1, merging a pair when every input steps across them as one
    // axis (stride[a] == stride[b] * extent[b]); row-major order over the list is preserved.
    private static (List<long> Dims, List<long>[] Strides) Merge(List<int> axes, IReadOnlyList<int> shape, long[][] strides)
    {
        var dims = new List<long>();
        var result = strides.Select(_ => new List<long>()).ToArray();
        foreach (var axis in axes)
        {
            if (shape[axis] == 1)
            {
                continue;
            }
            var last = dims.Count - 1;
            if (last >= 0 && strides.Select((s, k) => result[k][last] == s[axis] * shape[axis]).All(x => x))
            {
                dims[last] *= shape[axis];
                for (var k = 0; k < strides.Length; k++)
                {
                    result[k][last] = strides[k][axis];
                }
                continue;
            }
            dims.Add(shape[axis]);
            for (var k = 0; k < strides.Length; k++)
            {
                result[k].Add(strides[k][axis]);
            }
        }
        return (dims, result);
    }
}
