using Tessera.Arrays.Fft;
using Tessera.Arrays.Lazy;

namespace Tessera.Arrays;

/// <summary>
/// Discrete Fourier transforms of blocked arrays, as <c>dask.array.fft</c> (whose functions wrap
/// numpy.fft): every transformed axis must be one chunk (rechunk it with -1 first), the other
/// axes keep their chunks, and each block is transformed on its own. Results are complex
/// (<see cref="ComplexBlockedArray"/>, complex128 as NumPy's), except the inverse real transforms,
/// which return doubles. Named <c>Fourier</c> because C# does not let a class <c>Fft</c> have a
/// method <c>Fft</c>.
/// </summary>
public static partial class Fourier
{
    /// <summary>The one-dimensional DFT along <paramref name="axis"/> (numpy.fft.fft), of length <paramref name="n"/> (the axis length when null; shorter input is zero-padded, longer cut).</summary>
    public static ComplexBlockedArray Fft<T>(BlockedArray<T> x, int? n = null, int axis = -1, FftNorm norm = FftNorm.Backward)
        where T : unmanaged => OneAxis("Fft", Real(x), n, axis, norm, FftKind.Forward);

    /// <summary>The one-dimensional DFT of complex values (numpy.fft.fft).</summary>
    public static ComplexBlockedArray Fft(ComplexBlockedArray x, int? n = null, int axis = -1, FftNorm norm = FftNorm.Backward) =>
        OneAxis("Fft", Complex(x), n, axis, norm, FftKind.Forward);

    /// <summary>The one-dimensional inverse DFT (numpy.fft.ifft).</summary>
    public static ComplexBlockedArray Ifft<T>(BlockedArray<T> x, int? n = null, int axis = -1, FftNorm norm = FftNorm.Backward)
        where T : unmanaged => OneAxis("Ifft", Real(x), n, axis, norm, FftKind.Inverse);

    /// <summary>The one-dimensional inverse DFT of complex values (numpy.fft.ifft).</summary>
    public static ComplexBlockedArray Ifft(ComplexBlockedArray x, int? n = null, int axis = -1, FftNorm norm = FftNorm.Backward) =>
        OneAxis("Ifft", Complex(x), n, axis, norm, FftKind.Inverse);

    /// <summary>The DFT of real values, its n/2 + 1 non-negative frequencies (numpy.fft.rfft).</summary>
    public static ComplexBlockedArray Rfft<T>(BlockedArray<T> x, int? n = null, int axis = -1, FftNorm norm = FftNorm.Backward)
        where T : unmanaged => OneAxis("Rfft", Real(x), n, axis, norm, FftKind.RealForward);

    /// <summary>
    /// The inverse of <see cref="Rfft{T}"/> (numpy.fft.irfft): n real values (2 (m − 1) when null)
    /// from the m non-negative frequencies of a Hermitian spectrum.
    /// </summary>
    public static BlockedArray<double> Irfft(ComplexBlockedArray x, int? n = null, int axis = -1, FftNorm norm = FftNorm.Backward)
    {
        ArgumentNullException.ThrowIfNull(x);
        var resolved = Axis("Irfft", axis, x.Rank);
        var length = n ?? (int)(2 * (x.Shape[resolved] - 1));
        CheckLength("Irfft", length);
        return new(FftLayer.Build("Irfft", x.Interleaved.Node, true, [new(resolved, length, FftKind.RealInverse)], norm, outputReal: true));
    }

    /// <summary>The two-dimensional DFT over <paramref name="axes"/> (the last two when null), numpy.fft.fft2.</summary>
    public static ComplexBlockedArray Fft2<T>(BlockedArray<T> x, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward)
        where T : unmanaged => Fftn(x, s, axes ?? [-2, -1], norm);

    /// <summary>The two-dimensional DFT of complex values, numpy.fft.fft2.</summary>
    public static ComplexBlockedArray Fft2(ComplexBlockedArray x, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward) =>
        Fftn(x, s, axes ?? [-2, -1], norm);

    /// <summary>The two-dimensional inverse DFT, numpy.fft.ifft2.</summary>
    public static ComplexBlockedArray Ifft2(ComplexBlockedArray x, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward) =>
        Ifftn(x, s, axes ?? [-2, -1], norm);

    /// <summary>The two-dimensional DFT of real values, numpy.fft.rfft2.</summary>
    public static ComplexBlockedArray Rfft2<T>(BlockedArray<T> x, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward)
        where T : unmanaged => Rfftn(x, s, axes ?? [-2, -1], norm);

    /// <summary>The inverse of <see cref="Rfft2{T}"/>, numpy.fft.irfft2.</summary>
    public static BlockedArray<double> Irfft2(ComplexBlockedArray x, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward) =>
        Irfftn(x, s, axes ?? [-2, -1], norm);

    /// <summary>The n-dimensional DFT over <paramref name="axes"/> (all when null) with lengths <paramref name="s"/> (the axes' lengths when null), numpy.fft.fftn.</summary>
    public static ComplexBlockedArray Fftn<T>(BlockedArray<T> x, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward)
        where T : unmanaged => ManyAxes("Fftn", Real(x), s, axes, norm, FftKind.Forward);

    /// <summary>The n-dimensional DFT of complex values, numpy.fft.fftn.</summary>
    public static ComplexBlockedArray Fftn(ComplexBlockedArray x, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward) =>
        ManyAxes("Fftn", Complex(x), s, axes, norm, FftKind.Forward);

    /// <summary>The n-dimensional inverse DFT, numpy.fft.ifftn.</summary>
    public static ComplexBlockedArray Ifftn(ComplexBlockedArray x, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward) =>
        ManyAxes("Ifftn", Complex(x), s, axes, norm, FftKind.Inverse);

    /// <summary>The n-dimensional DFT of real values (numpy.fft.rfftn): a real transform along the last axis, complex ones along the others.</summary>
    public static ComplexBlockedArray Rfftn<T>(BlockedArray<T> x, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward)
        where T : unmanaged => ManyAxes("Rfftn", Real(x), s, axes, norm, FftKind.RealForward);

    /// <summary>The inverse of <see cref="Rfftn{T}"/> (numpy.fft.irfftn): inverse complex transforms along all axes but the last, then the real inverse along it (length 2 (m − 1) when <paramref name="s"/> is null).</summary>
    public static BlockedArray<double> Irfftn(ComplexBlockedArray x, int[]? s = null, int[]? axes = null, FftNorm norm = FftNorm.Backward)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (resolved, lengths) = Plan("Irfftn", x.Shape, s, axes);
        if (s is null)
        {
            lengths[^1] = (int)(2 * (x.Shape[resolved[^1]] - 1));
        }
        CheckLength("Irfftn", lengths[^1]);
        // NumPy: ifft over every axis but the last (last to first), then irfft over the last.
        var steps = Enumerable.Range(0, resolved.Length - 1).Reverse().Select(i => new FftStep(resolved[i], lengths[i], FftKind.Inverse))
            .Append(new FftStep(resolved[^1], lengths[^1], FftKind.RealInverse)).ToArray();
        return new(FftLayer.Build("Irfftn", x.Interleaved.Node, true, steps, norm, outputReal: true));
    }

    private static (ArrayNode Node, bool Complex, IReadOnlyList<long> Shape) Real<T>(BlockedArray<T> x) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.DType is not (DType.Float32 or DType.Float64 or DType.Int32 or DType.Int64))
        {
            throw new NotSupportedException($"An FFT takes float, double, int or long values, not {x.DType}; convert with Astype<double>().");
        }
        return (x.Node, false, x.Shape);
    }

    private static (ArrayNode Node, bool Complex, IReadOnlyList<long> Shape) Complex(ComplexBlockedArray x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return (x.Interleaved.Node, true, x.Shape);
    }

    private static ComplexBlockedArray OneAxis(string operation, (ArrayNode Node, bool Complex, IReadOnlyList<long> Shape) x, int? n, int axis,
        FftNorm norm, FftKind kind)
    {
        var resolved = Axis(operation, axis, x.Shape.Count);
        var length = n ?? (int)x.Shape[resolved];
        CheckLength(operation, length);
        return new(new BlockedArray<double>(FftLayer.Build(operation, x.Node, x.Complex, [new(resolved, length, kind)], norm, outputReal: false)));
    }

    private static ComplexBlockedArray ManyAxes(string operation, (ArrayNode Node, bool Complex, IReadOnlyList<long> Shape) x, int[]? s, int[]? axes,
        FftNorm norm, FftKind kind)
    {
        var (resolved, lengths) = Plan(operation, x.Shape, s, axes);
        foreach (var length in lengths)
        {
            CheckLength(operation, length);
        }
        // NumPy transforms the last axis first; for rfftn that one is the real transform.
        var steps = Enumerable.Range(0, resolved.Length).Reverse()
            .Select(i => new FftStep(resolved[i], lengths[i], kind == FftKind.RealForward && i != resolved.Length - 1 ? FftKind.Forward : kind))
            .ToArray();
        return new(new BlockedArray<double>(FftLayer.Build(operation, x.Node, x.Complex, steps, norm, outputReal: false)));
    }

    /// <summary>The axes (all when null; negatives from the end) and transform lengths (the axes' lengths when null) of an n-D transform.</summary>
    private static (int[] Axes, int[] Lengths) Plan(string operation, IReadOnlyList<long> shape, int[]? s, int[]? axes)
    {
        var resolved = axes is null
            ? [.. Enumerable.Range(s is null ? 0 : shape.Count - s.Length, s?.Length ?? shape.Count)]
            : axes.Select(a => Axis(operation, a, shape.Count)).ToArray();
        if (resolved.Distinct().Count() != resolved.Length || resolved.Length == 0)
        {
            throw new ArgumentException($"{operation} needs distinct axes; got [{string.Join(", ", axes ?? [])}].", nameof(axes));
        }
        if (s is not null && s.Length != resolved.Length)
        {
            throw new ArgumentException(
                $"{operation}: s gives {s.Length} lengths for {resolved.Length} axes; give one length per axis.", nameof(s));
        }
        return (resolved, s is null ? [.. resolved.Select(a => (int)shape[a])] : [.. s]);
    }

    private static int Axis(string operation, int axis, int rank)
    {
        var resolved = axis < 0 ? axis + rank : axis;
        if (resolved < 0 || resolved >= rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis,
                $"{operation}: axis {axis} is outside an array of {rank} dimensions; use 0..{rank - 1} or -{rank}..-1.");
        }
        return resolved;
    }

    private static void CheckLength(string operation, int n)
    {
        if (n < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"{operation}: invalid number of data points ({n}); the transform length must be at least 1.");
        }
    }
}
