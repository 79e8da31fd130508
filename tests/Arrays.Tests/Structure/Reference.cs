using System.Numerics;

namespace Tessera.Arrays.Tests.Structure;

/// <summary>Naive scalar reference for the structural operations: every output element mapped back to its source element.</summary>
internal static class Reference
{
    /// <summary>Distinct small values (exact in float, double and int) so a misplaced element always shows.</summary>
    public static T[] Values<T>(long[] shape) where T : INumber<T> =>
        [.. Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b)).Select(i => T.CreateChecked((i * 37 % 1009) - 500))];

    public static BlockedArray<T> Array<T>(long[] shape, ChunkSpec chunks) where T : unmanaged, INumber<T> =>
        BlockedArray.FromArray(Values<T>(shape), shape, chunks);

    /// <summary>The elements of an output of <paramref name="shape"/>, each read from <paramref name="source"/> at <paramref name="toSource"/>(its index).</summary>
    public static T[] Map<T>(T[] source, long[] sourceShape, long[] shape, Func<long[], long[]> toSource)
    {
        var strides = Strides(sourceShape);
        return [.. Indices(shape).Select(index => source[toSource(index).Zip(strides, (i, s) => i * s).Sum()])];
    }

    public static long[] Strides(long[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }

    /// <summary>Every index of <paramref name="shape"/>, row-major.</summary>
    public static IEnumerable<long[]> Indices(long[] shape)
    {
        if (shape.Any(s => s == 0))
        {
            yield break;
        }
        var index = new long[shape.Length];
        while (true)
        {
            yield return (long[])index.Clone();
            var d = shape.Length - 1;
            for (; d >= 0 && ++index[d] == shape[d]; d--)
            {
                index[d] = 0;
            }
            if (d < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>NumPy's slice positions start:stop:step on an axis of <paramref name="length"/>, computed by brute force.</summary>
    public static long[] SlicePositions(long length, long? start, long? stop, long step)
    {
        long Wrap(long v) => v < 0 ? v + length : v;
        var positions = new List<long>();
        if (step > 0)
        {
            var from = start is { } s ? Math.Max(0, Wrap(s)) : 0;
            var to = stop is { } e ? Math.Min(length, Wrap(e)) : length;
            for (var i = from; i < to; i += step)
            {
                positions.Add(i);
            }
        }
        else
        {
            var from = start is { } s ? Math.Min(length - 1, Wrap(s)) : length - 1;
            var to = stop is { } e ? Math.Max(-1, Wrap(e)) : -1;
            for (var i = from; i > to; i += step)
            {
                positions.Add(i);
            }
        }
        return [.. positions];
    }
}
