namespace Tessera.Kernels.Cpu;

/// <summary>Shape arithmetic and NumPy broadcasting.</summary>
internal static class Shapes
{
    public static int[] Check(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException(
                    $"Shape [{string.Join(", ", shape)}] has a negative extent; every axis needs 0 or more elements.", nameof(shape));
            }
        }
        if (Length(shape) > int.MaxValue)
        {
            throw new ArgumentException(
                $"Shape [{string.Join(", ", shape)}] holds {Length(shape)} elements; a CPU chunk holds at most " +
                $"{int.MaxValue}. Use smaller chunks.", nameof(shape));
        }
        return shape;
    }

    public static long Length(IReadOnlyList<int> shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            n *= d;
        }
        return n;
    }

    public static string Format(IReadOnlyList<int> shape) => $"[{string.Join(", ", shape)}]";

    /// <summary>The broadcast shape of several shapes (NumPy rules: right-aligned, 1 repeats).</summary>
    public static int[] Broadcast(IEnumerable<IReadOnlyList<int>> shapes)
    {
        var all = shapes.ToList();
        var rank = all.Count == 0 ? 0 : all.Max(s => s.Count);
        var result = new int[rank];
        Array.Fill(result, 1);
        foreach (var s in all)
        {
            for (var k = 0; k < s.Count; k++)
            {
                var axis = rank - s.Count + k;
                var d = s[k];
                if (d == result[axis] || d == 1)
                {
                    continue;
                }
                if (result[axis] != 1)
                {
                    throw new ArgumentException(
                        $"Shapes {string.Join(" and ", all.Select(Format))} do not broadcast: axis {axis} is " +
                        $"{result[axis]} in one and {d} in another. Axes must be equal or 1.");
                }
                result[axis] = d;
            }
        }
        return result;
    }

    /// <summary>
    /// Element strides for reading a buffer of <paramref name="shape"/> as <paramref name="target"/>:
    /// 0 on broadcast axes. Throws if the shape does not broadcast to the target.
    /// </summary>
    public static long[] BroadcastStrides(IReadOnlyList<int> shape, IReadOnlyList<int> target, string what)
    {
        if (shape.Count > target.Count)
        {
            throw new ArgumentException(
                $"{what} has shape {Format(shape)}, more axes than the result {Format(target)}. " +
                "Reduce or reshape it first.");
        }
        var strides = new long[target.Count];
        long stride = 1;
        for (var k = target.Count - 1; k >= 0; k--)
        {
            var sk = k - (target.Count - shape.Count);
            var d = sk >= 0 ? shape[sk] : 1;
            if (d != target[k] && d != 1)
            {
                throw new ArgumentException(
                    $"{what} has shape {Format(shape)}, which does not broadcast to {Format(target)} " +
                    $"(axis {k}: {d} vs {target[k]}). Axes must be equal or 1.");
            }
            strides[k] = d == 1 && target[k] != 1 ? 0 : stride;
            stride *= d;
        }
        return strides;
    }
}
