namespace Tessera.Arrays;

public static partial class Fourier
{
    /// <summary>The sample frequencies of an n-point DFT with sample spacing <paramref name="d"/>: [0, 1, …, ⌈n/2⌉ − 1, −⌊n/2⌋, …, −1] / (d n), numpy.fft.fftfreq.</summary>
    public static BlockedArray<double> FftFreq(long n, double d = 1.0, ChunkSpec chunks = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var positive = (n + 1) / 2;
        return Frequencies("fftfreq", n, d, chunks, i => (i < positive ? i : i - n) / (d * n));
    }

    /// <summary>The n/2 + 1 non-negative sample frequencies of an n-point real DFT: [0, 1, …, ⌊n/2⌋] / (d n), numpy.fft.rfftfreq.</summary>
    public static BlockedArray<double> RfftFreq(long n, double d = 1.0, ChunkSpec chunks = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return Frequencies("rfftfreq", (n / 2) + 1, d, chunks, i => i / (d * n));
    }

    private static BlockedArray<double> Frequencies(string kind, long count, double d, ChunkSpec chunks, Func<long, double> frequency)
    {
        var grid = chunks.Resolve([count], sizeof(double));
        var name = Scheduling.TaskKeys.Name(kind, [count, d, grid.ToString()]);
        return BlockedArray.FromFunction<double>([count], grid, (index, shape) =>
        {
            var first = grid.BlockOffset(index)[0];
            return System.Numerics.Tensors.Tensor.Create([.. Enumerable.Range(0, (int)shape[0]).Select(i => frequency(first + i))], [(nint)shape[0]]);
        }, name);
    }

    /// <summary>Shifts the zero frequency to the centre: rolls each of <paramref name="axes"/> (all when null) by ⌊n/2⌋, numpy.fft.fftshift.</summary>
    public static BlockedArray<T> FftShift<T>(BlockedArray<T> x, params int[]? axes) where T : unmanaged => Shift(x, axes, inverse: false);

    /// <summary>The inverse of <see cref="FftShift{T}"/>: rolls by −⌊n/2⌋, numpy.fft.ifftshift.</summary>
    public static BlockedArray<T> IfftShift<T>(BlockedArray<T> x, params int[]? axes) where T : unmanaged => Shift(x, axes, inverse: true);

    /// <summary><see cref="FftShift{T}"/> of complex values.</summary>
    public static ComplexBlockedArray FftShift(ComplexBlockedArray x, params int[]? axes)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(Shift(x.Interleaved, axes is { Length: > 0 } ? axes.Select(a => a < 0 ? a + x.Rank : a).ToArray() : [.. Enumerable.Range(0, x.Rank)], inverse: false));
    }

    /// <summary><see cref="IfftShift{T}"/> of complex values.</summary>
    public static ComplexBlockedArray IfftShift(ComplexBlockedArray x, params int[]? axes)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(Shift(x.Interleaved, axes is { Length: > 0 } ? axes.Select(a => a < 0 ? a + x.Rank : a).ToArray() : [.. Enumerable.Range(0, x.Rank)], inverse: true));
    }

    private static BlockedArray<T> Shift<T>(BlockedArray<T> x, int[]? axes, bool inverse) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = x;
        foreach (var axis in axes is { Length: > 0 } ? axes : Enumerable.Range(0, x.Rank))
        {
            var resolved = axis < 0 ? axis + x.Rank : axis;
            var half = x.Shape[resolved] / 2;
            result = result.Roll(inverse ? -half : half, resolved);
        }
        return result;
    }
}
