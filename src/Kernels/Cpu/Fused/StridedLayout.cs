namespace Tessera.Kernels.Cpu.Fused;

/// <summary>
/// How an input is read in output order: extents and element strides with adjacent axes merged
/// wherever the input is contiguous across them (and size-1 axes dropped), so a gather walks as
/// few, as long runs as possible. A layout of one axis with stride 1 is plain contiguous.
/// </summary>
internal sealed class StridedLayout
{
    private StridedLayout(int[] extents, long[] strides)
    {
        Extents = extents;
        Strides = strides;
    }

    public int[] Extents { get; }

    public long[] Strides { get; }

    public bool IsContiguous => Extents.Length == 0 || (Extents.Length == 1 && Strides[0] == 1);

    public static StridedLayout Create(IReadOnlyList<int> extents, IReadOnlyList<long> strides)
    {
        var e = new List<int>();
        var s = new List<long>();
        for (var k = 0; k < extents.Count; k++)
        {
            if (extents[k] == 1)
            {
                continue;
            }
            // Merge axis k into the previous one when stepping the previous axis equals a full
            // sweep of this one (true for contiguous data and for two broadcast axes alike).
            if (e.Count > 0 && s[^1] == strides[k] * extents[k])
            {
                e[^1] *= extents[k];
                s[^1] = strides[k];
                continue;
            }
            e.Add(extents[k]);
            s.Add(strides[k]);
        }
        return new StridedLayout([.. e], [.. s]);
    }
}
