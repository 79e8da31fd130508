using System.Numerics;

namespace Tessera.Arrays.Tests.Fft;

/// <summary>
/// Fourier.* against numpy.fft: values, shapes, dtypes (complex128 for the transforms, float64 for
/// the inverse real ones) and chunks (transformed axes one block of the output length, the others
/// unchanged), on both executors. NumPy answers every case in one python3 run.
/// </summary>
public class FftTests
{
    private static readonly long[] Shape = [4, 6, 5];
    private static readonly double[] X = Values(120, 1);
    private static readonly double[] Re = Values(120, 2);
    private static readonly double[] Im = Values(120, 3);

    private static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 6))];
    }

    /// <summary>x (real) in blocks of 2 along every axis except the whole ones in <paramref name="whole"/>.</summary>
    private static BlockedArray<double> Real(params int[] whole) => BlockedArray.FromArray(X, Shape, Chunks(whole));

    private static ComplexBlockedArray Cplx(params int[] whole) =>
        ComplexBlockedArray.FromParts(BlockedArray.FromArray(Re, Shape, Chunks(whole)), BlockedArray.FromArray(Im, Shape, Chunks(whole)));

    private static ChunkSpec Chunks(int[] whole) => ChunkSpec.Create([.. Enumerable.Range(0, 3).Select(d => whole.Contains(d) ? -1L : 2L)]);

    private static readonly (string Expression, Func<object> Build)[] Cases =
    [
        ("np.fft.fft(x)", () => Fourier.Fft(Real(2))),
        ("np.fft.fft(x, n=8, axis=1)", () => Fourier.Fft(Real(1), n: 8, axis: 1)),
        ("np.fft.fft(x, n=3, axis=0)", () => Fourier.Fft(Real(0), n: 3, axis: 0)),
        ("np.fft.fft(x.astype(np.float32), axis=1)", () => Fourier.Fft(Real(1).Astype<float>(), axis: 1)),
        ("np.fft.ifft(x, axis=1)", () => Fourier.Ifft(Real(1), axis: 1)),
        ("np.fft.rfft(x)", () => Fourier.Rfft(Real(2))),
        ("np.fft.rfft(x, n=6, axis=1)", () => Fourier.Rfft(Real(1), n: 6, axis: 1)),
        ("np.fft.fft(z, axis=1, norm='ortho')", () => Fourier.Fft(Cplx(1), axis: 1, norm: FftNorm.Ortho)),
        ("np.fft.ifft(z, axis=0, norm='forward')", () => Fourier.Ifft(Cplx(0), axis: 0, norm: FftNorm.Forward)),
        ("np.fft.ifft(z, n=7)", () => Fourier.Ifft(Cplx(2), n: 7)),
        ("np.fft.irfft(z)", () => Fourier.Irfft(Cplx(2))),
        ("np.fft.irfft(z, n=7, axis=1)", () => Fourier.Irfft(Cplx(1), n: 7, axis: 1)),
        ("np.fft.irfft(z, n=5, axis=2, norm='ortho')", () => Fourier.Irfft(Cplx(2), n: 5, axis: 2, norm: FftNorm.Ortho)),
        ("np.fft.irfft(z, n=12, axis=0)", () => Fourier.Irfft(Cplx(0), n: 12, axis: 0)),
        ("np.fft.fft2(x)", () => Fourier.Fft2(Real(1, 2))),
        ("np.fft.fft2(x, s=(3, 7), axes=(0, 2))", () => Fourier.Fft2(Real(0, 2), s: [3, 7], axes: [0, 2])),
        ("np.fft.ifft2(z)", () => Fourier.Ifft2(Cplx(1, 2))),
        ("np.fft.rfft2(x)", () => Fourier.Rfft2(Real(1, 2))),
        ("np.fft.irfft2(z)", () => Fourier.Irfft2(Cplx(1, 2))),
        ("np.fft.fftn(x)", () => Fourier.Fftn(Real(0, 1, 2))),
        ("np.fft.fftn(z, norm='ortho')", () => Fourier.Fftn(Cplx(0, 1, 2), norm: FftNorm.Ortho)),
        ("np.fft.ifftn(z, axes=(0, 2))", () => Fourier.Ifftn(Cplx(0, 2), axes: [0, 2])),
        ("np.fft.rfftn(x)", () => Fourier.Rfftn(Real(0, 1, 2))),
        ("np.fft.rfftn(x, s=(4, 4, 6))", () => Fourier.Rfftn(Real(0, 1, 2), s: [4, 4, 6])),
        ("np.fft.irfftn(z)", () => Fourier.Irfftn(Cplx(0, 1, 2))),
        ("np.fft.irfftn(z, s=(5, 4, 7))", () => Fourier.Irfftn(Cplx(0, 1, 2), s: [5, 4, 7])),
        ("np.fft.irfftn(z, axes=(0, 1))", () => Fourier.Irfftn(Cplx(0, 1), axes: [0, 1])),
        ("np.fft.fftfreq(8, 0.1)", () => Fourier.FftFreq(8, 0.1, [3])),
        ("np.fft.fftfreq(7)", () => Fourier.FftFreq(7)),
        ("np.fft.rfftfreq(9, 2.0)", () => Fourier.RfftFreq(9, 2.0, [2])),
        ("np.fft.rfftfreq(8)", () => Fourier.RfftFreq(8)),
        ("np.fft.fftshift(x)", () => Fourier.FftShift(Real())),
        ("np.fft.fftshift(x, axes=1)", () => Fourier.FftShift(Real(), 1)),
        ("np.fft.ifftshift(x)", () => Fourier.IfftShift(Real())),
        ("np.fft.ifftshift(x, axes=(0, 2))", () => Fourier.IfftShift(Real(), 0, -1)),
        ("np.fft.fftshift(z, axes=(0, 2))", () => Fourier.FftShift(Cplx(), 0, 2)),
        ("np.fft.ifft(np.fft.fft(z))", () => Fourier.Ifft(Fourier.Fft(Cplx(2)))),
        ("np.abs(np.fft.fft(x))", () => Fourier.Fft(Real(2)).Abs()),
        ("np.conj(np.fft.rfft(x))", () => Fourier.Rfft(Real(2)).Conj()),
    ];

    public static TheoryData<int> CaseIndices => [.. Enumerable.Range(0, Cases.Length)];

    private static readonly Lazy<NumPyBatch> Batch = new(() => new NumPyBatch(
        [new NumPyInput("x", X, Shape), new NumPyInput("zr", Re, Shape), new NumPyInput("zi", Im, Shape)],
        [.. Cases.Select(c => c.Expression.Replace("z", "(zr + 1j * zi)", StringComparison.Ordinal))]));

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Transform_MatchesNumPy(int c)
    {
        var (expression, build) = Cases[c];
        var numpy = expression.Replace("z", "(zr + 1j * zi)", StringComparison.Ordinal);
        switch (build())
        {
            case ComplexBlockedArray complex:
                Batch.Value.AssertEqual(complex, numpy, 1e-12);
                Assert.Equal(((ComplexBlockedArray)build()).Name, complex.Name);
                break;
            case BlockedArray<double> real:
                Batch.Value.AssertEqual(real, numpy, 1e-12);
                ArrayAssert.AssertDeterministicKeys(real, () => (BlockedArray<double>)build());
                break;
            default:
                Assert.Fail($"case {c} built neither a complex nor a double array");
                break;
        }
    }

    [Fact]
    public void OtherAxes_KeepTheirChunks_TheTransformedAxisIsOneBlock()
    {
        var x = BlockedArray.FromArray(X, Shape, [2, 3, -1]);
        var f = Fourier.Rfft(x, n: 9);
        Assert.Equal(new long[][] { [2, 2], [3, 3], [5] }, f.Chunks.Chunks.Select(c => c.ToArray()));
        Assert.Equal(2, f.Interleaved.Shape[^1]);
        var g = Fourier.Irfft(f);
        Assert.Equal(new long[][] { [2, 2], [3, 3], [8] }, g.Chunks.Chunks.Select(c => c.ToArray()));
    }

    [Fact]
    public void AChunkedAxis_IsRefusedWithTheRechunkToCall()
    {
        var x = BlockedArray.FromArray(X, Shape, [2, 3, 2]);
        var error = Assert.Throws<ArgumentException>(() => Fourier.Fft(x));
        Assert.Contains("axis 2 must be one chunk", error.Message, StringComparison.Ordinal);
        Assert.Contains("Rechunk(new Dictionary<int, long> { [2] = -1 })", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Fourier.Fft2(x));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fourier.Fft(x.Rechunk([2, 3, -1]), n: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fourier.Fft(x, axis: 3));
        Assert.Throws<ArgumentException>(() => Fourier.Fftn(x.Rechunk([-1, -1, -1]), s: [2, 2], axes: [0, 1, 2]));
    }

    [Fact]
    public void Compute_GivesComplexValues_AndFromTensorRoundTrips()
    {
        var values = new Complex[] { new(1, 2), new(-3, 0.5), new(0, -1), new(4, 4), new(2, 0), new(0, 0) };
        var z = ComplexBlockedArray.FromTensor(System.Numerics.Tensors.Tensor.Create(values, [2, 3]), [1, 2]);
        Assert.Equal([2L, 3], z.Shape);
        Assert.Equal(new long[][] { [1, 1], [2, 1] }, z.Chunks.Chunks.Select(c => c.ToArray()));
        Assert.Equal(values, z.Compute().ToArray());
        Assert.Equal(values.Select(v => v.Real), z.Real.Compute().ToArray());
        Assert.Equal(values.Select(v => v.Imaginary), z.Imag.Compute().ToArray());
        // The DFT of a shifted impulse is a phase ramp: e^{-2πik/4}.
        var impulse = Fourier.Fft(BlockedArray.FromArray([0.0, 1, 0, 0], [4], [4])).Compute().ToArray();
        var expected = Enumerable.Range(0, 4).Select(k => Complex.Exp(new Complex(0, -2 * Math.PI * k / 4))).ToArray();
        for (var k = 0; k < 4; k++)
        {
            Assert.True((impulse[k] - expected[k]).Magnitude < 1e-15, $"bin {k}: {impulse[k]} vs {expected[k]}");
        }
    }
}
