using Tessera.Kernels.Ops.Simd;

namespace Tessera.Kernels.Tests.Elementwise;

/// <summary>
/// The AVX-512 float64 sine/cosine against Math.Sin/Cos, element by element, in ulps of the
/// result: random arguments over several ranges, arguments next to multiples of π/2 (where a
/// careless reduction loses every digit), tails shorter than a vector, and the special values.
/// </summary>
public class SinCosFloat64Tests
{
    private const double MaxUlps = 4;

    public static TheoryData<string> Ranges => ["unit", "tens", "limit", "near-multiples", "tiny", "beyond-limit"];

    [Theory]
    [MemberData(nameof(Ranges))]
    public void AgreesWithMathWithinFourUlps(string range)
    {
        if (!SinCosFloat64.IsSupported)
        {
            // The ops then use TensorPrimitives, which the op tests cover; nothing of ours runs.
            Assert.False(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated);
            return;
        }
        var x = Arguments(range, 100_003);
        var sin = new double[x.Length];
        var cos = new double[x.Length];
        SinCosFloat64.Sin(x, sin);
        SinCosFloat64.Cos(x, cos);
        for (var i = 0; i < x.Length; i++)
        {
            AssertUlps(Math.Sin(x[i]), sin[i], x[i], "sin");
            AssertUlps(Math.Cos(x[i]), cos[i], x[i], "cos");
        }
    }

    [Fact]
    public void SpecialValuesAndTailsMatchMath()
    {
        double[] x = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e-320,
            double.Epsilon, 1e5, -1e5, 1e5 + 1, Math.PI, -Math.PI / 2, 7];
        var sin = new double[x.Length];
        var cos = new double[x.Length];
        SinCosFloat64.Sin(x, sin);
        SinCosFloat64.Cos(x, cos);
        for (var i = 0; i < x.Length; i++)
        {
            AssertUlps(Math.Sin(x[i]), sin[i], x[i], "sin");
            AssertUlps(Math.Cos(x[i]), cos[i], x[i], "cos");
        }
        Assert.True(double.IsNegative(sin[1]), "sin(-0) keeps the sign of zero");
    }

    [Fact]
    public void InPlaceGivesTheSameAsSeparateBuffers()
    {
        var x = Arguments("tens", 1000);
        var expected = new double[x.Length];
        SinCosFloat64.Cos(x, expected);
        SinCosFloat64.Cos(x, x);
        Assert.Equal(expected, x);
    }

    [Fact]
    public void PerVectorCoreIsBitIdenticalToTheSpanForm()
    {
        if (!SinCosFloat64.IsSupported)
        {
            return;
        }
        // Vectors with a lane beyond the limit, NaN or ∞ (those lanes take Math, the others
        // not), grouped at an offset from the span form's vectors: lanes must not depend on it.
        var x = Arguments("tens", 1024);
        x[99] = double.PositiveInfinity;
        x[100] = 3e5;
        x[517] = double.NaN;
        var sin = new double[x.Length];
        var cos = new double[x.Length];
        SinCosFloat64.Sin(x, sin);
        SinCosFloat64.Cos(x, cos);
        for (var i = 3; i + 8 <= x.Length; i += 8)
        {
            var v = System.Runtime.Intrinsics.Vector512.Create<double>(x.AsSpan(i, 8));
            var s = SinCosFloat64.Sin(v);
            var c = SinCosFloat64.Cos(v);
            for (var k = 0; k < 8; k++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(sin[i + k]), BitConverter.DoubleToInt64Bits(s[k]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(cos[i + k]), BitConverter.DoubleToInt64Bits(c[k]));
            }
        }
    }

    private static double[] Arguments(string range, int count)
    {
        var random = new Random(20261122);
        return [.. Enumerable.Range(0, count).Select(_ => range switch
        {
            "unit" => random.NextDouble() * 2 - 1,
            "tens" => (random.NextDouble() * 2 - 1) * 50,
            "limit" => (random.NextDouble() * 2 - 1) * 1e5,
            "near-multiples" => (Math.PI / 2 * random.Next(-63_000, 63_000)) + ((random.NextDouble() - 0.5) * 1e-6),
            "tiny" => (random.NextDouble() - 0.5) * 1e-200,
            _ => (random.NextDouble() * 2 - 1) * 1e12,
        })];
    }

    private static void AssertUlps(double expected, double actual, double x, string name)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{name}({x:R}): expected NaN, got {actual:R}");
            return;
        }
        var ulps = Math.Abs(expected - actual) / Math.Max(Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected), double.Epsilon);
        Assert.True(ulps <= MaxUlps, $"{name}({x:R}): expected {expected:R}, got {actual:R} ({ulps:F1} ulp)");
    }
}
