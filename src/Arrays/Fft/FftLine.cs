using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using MathNetFourier = MathNet.Numerics.IntegralTransforms.Fourier;

namespace Tessera.Arrays.Fft;

/// <summary>The kind of one-axis transform a step applies.</summary>
internal enum FftKind
{
    /// <summary>Complex to complex, forward.</summary>
    Forward,

    /// <summary>Complex to complex, inverse.</summary>
    Inverse,

    /// <summary>Real to the n/2 + 1 non-negative frequencies (the input's imaginary parts are zero).</summary>
    RealForward,

    /// <summary>The n/2 + 1 non-negative frequencies of a Hermitian spectrum to n real values (imaginary parts left zero).</summary>
    RealInverse,
}

/// <summary>
/// One transform along one axis of a block held as complex values, row-major: every line along
/// the axis is gathered, resized to the transform length (cut or zero-padded, as NumPy's
/// <c>n=</c>), transformed by Math.NET's FFT (Bluestein for lengths that are not powers of two),
/// scaled per <see cref="FftNorm"/> and scattered into the output block.
/// </summary>
internal static class FftLine
{
    /// <summary>The output length along the axis of a step of <paramref name="kind"/> with transform length <paramref name="n"/>.</summary>
    public static int OutputLength(FftKind kind, int n) => kind == FftKind.RealForward ? (n / 2) + 1 : n;

    public static Complex[] Apply(Complex[] data, int[] shape, int axis, int n, FftKind kind, FftNorm norm, out int[] outputShape)
    {
        var length = shape[axis];
        var outLength = OutputLength(kind, n);
        outputShape = (int[])shape.Clone();
        outputShape[axis] = outLength;
        var inner = 1;
        for (var d = axis + 1; d < shape.Length; d++)
        {
            inner *= shape[d];
        }
        var outer = shape.Take(axis).Aggregate(1, (a, b) => a * b);
        var output = new Complex[outer * outLength * inner];
        var line = new Complex[n];
        var scale = Scale(kind, norm, n);
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                Array.Clear(line);
                var source = (o * length * inner) + i;
                if (kind == FftKind.RealInverse)
                {
                    Hermitian(data, source, inner, length, line);
                }
                else
                {
                    for (var k = 0; k < Math.Min(length, n); k++)
                    {
                        line[k] = data[source + (k * inner)];
                    }
                }
                if (n > 0)
                {
                    if (kind is FftKind.Forward or FftKind.RealForward)
                    {
                        MathNetFourier.Forward(line, FourierOptions.NoScaling);
                    }
                    else
                    {
                        MathNetFourier.Inverse(line, FourierOptions.NoScaling);
                    }
                }
                var target = (o * outLength * inner) + i;
                for (var k = 0; k < outLength; k++)
                {
                    var value = line[k] * scale;
                    output[target + (k * inner)] = kind == FftKind.RealInverse ? new Complex(value.Real, 0) : value;
                }
            }
        }
        return output;
    }

    /// <summary>
    /// The full length-n spectrum from its first n/2 + 1 values (those given, zero past the
    /// input's end): X[n − k] = conj(X[k]). As NumPy's irfft, the imaginary parts of X[0] and (n
    /// even) X[n/2] are ignored, since a real signal's spectrum has none there.
    /// </summary>
    private static void Hermitian(Complex[] data, int source, int stride, int length, Complex[] line)
    {
        var n = line.Length;
        var half = (n / 2) + 1;
        for (var k = 0; k < Math.Min(half, length); k++)
        {
            line[k] = data[source + (k * stride)];
        }
        if (n == 0)
        {
            return;
        }
        line[0] = new Complex(line[0].Real, 0);
        if (n % 2 == 0)
        {
            line[n / 2] = new Complex(line[n / 2].Real, 0);
        }
        for (var k = 1; k < half; k++)
        {
            if (n - k >= half)
            {
                line[n - k] = Complex.Conjugate(line[k]);
            }
        }
    }

    private static double Scale(FftKind kind, FftNorm norm, int n)
    {
        if (n == 0)
        {
            return 1;
        }
        var inverse = kind is FftKind.Inverse or FftKind.RealInverse;
        return norm switch
        {
            FftNorm.Ortho => 1 / Math.Sqrt(n),
            FftNorm.Forward => inverse ? 1 : 1.0 / n,
            _ => inverse ? 1.0 / n : 1,
        };
    }
}
