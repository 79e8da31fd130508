using System.Runtime.Intrinsics;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Ops.Simd;
using Xunit.Abstractions;

namespace Tessera.Kernels.Tests.Elementwise;

/// <summary>
/// The float64 sine/cosine kernel against Math.Sin/Cos, element by element, in ulps of the
/// result, at every vector width this host runs and in the no-FMA form: random arguments over
/// several ranges, arguments next to multiples of π/2 (where a careless reduction loses every
/// digit), tails shorter than a vector, and the special values.
/// </summary>
public class SinCosFloat64Tests(ITestOutputHelper output)
{
    /// <summary>The bound the kernel keeps on |x| ≤ 1e5 (measured: see <see cref="AgreesWithMathWithinTwoUlps"/>).</summary>
    private const double MaxUlps = 2;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var width in Widths())
        {
            foreach (var range in new[] { "unit", "tens", "limit", "near-multiples", "tiny", "beyond-limit" })
            {
                data.Add(width, range);
            }
        }
        return data;
    }

    /// <summary>
    /// 10^6 arguments per range (the "limit" range is [-1e5, 1e5]; "near-multiples" lie within
    /// 1e-6 of multiples of π/2 up to 1e5); beyond the limit lanes take Math itself.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithMathWithinTwoUlps(string width, string range)
    {
        var x = Arguments(range, 1_000_003);
        var sin = new double[x.Length];
        var cos = new double[x.Length];
        Map(width, x, sin, cosine: false);
        Map(width, x, cos, cosine: true);
        var worst = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            worst = Math.Max(worst, AssertUlps(Math.Sin(x[i]), sin[i], x[i], "sin"));
            worst = Math.Max(worst, AssertUlps(Math.Cos(x[i]), cos[i], x[i], "cos"));
        }
        output.WriteLine($"{width} {range}: worst {worst:F2} ulp");
    }

    [Theory]
    [MemberData(nameof(WidthNames))]
    public void SpecialValuesAndTailsMatchMath(string width)
    {
        double[] x = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e-320,
            double.Epsilon, 1e5, -1e5, 1e5 + 1, Math.PI, -Math.PI / 2, 7];
        for (var n = 1; n <= x.Length; n++)
        {
            var sin = new double[n];
            var cos = new double[n];
            Map(width, x.AsSpan(0, n), sin, cosine: false);
            Map(width, x.AsSpan(0, n), cos, cosine: true);
            for (var i = 0; i < n; i++)
            {
                AssertUlps(Math.Sin(x[i]), sin[i], x[i], "sin");
                AssertUlps(Math.Cos(x[i]), cos[i], x[i], "cos");
            }
            Assert.True(n < 2 || double.IsNegative(sin[1]), "sin(-0) keeps the sign of zero");
        }
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

    /// <summary>
    /// With FMA (every width here when the host has it), the widths give the same bits: the
    /// compiled path and the tile path may then run at different widths. The no-FMA form differs
    /// from them only by the polynomial's rounding.
    /// </summary>
    [Fact]
    public void WidthsWithFusedMultiplyAddGiveTheSameBits()
    {
        var x = Arguments("limit", 100_003);
        x[77] = double.NaN;
        x[78] = 3e5;
        foreach (var cosine in new[] { false, true })
        {
            var reference = new double[x.Length];
            SinCosFloat64.Map<Vector128<double>, Simd128<double>>(x, reference, cosine);
            foreach (var width in Widths().Where(w => w != "no-FMA"))
            {
                if (width == "128" && !Simd128<double>.HasFusedMultiplyAdd)
                {
                    continue;
                }
                var values = new double[x.Length];
                Map(width, x, values, cosine);
                for (var i = 0; i < x.Length; i++)
                {
                    if (!double.IsNaN(reference[i]) || !double.IsNaN(values[i]))
                    {
                        Assert.True(
                            BitConverter.DoubleToInt64Bits(reference[i]) == BitConverter.DoubleToInt64Bits(values[i]),
                            $"{(cosine ? "cos" : "sin")}({x[i]:R}) at {width} bits: {values[i]:R}, at 128 bits {reference[i]:R}");
                    }
                }
            }
        }
    }

    [Fact]
    public void PerVectorCoreIsBitIdenticalToTheSpanForm()
    {
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
        var width = Vector128<double>.Count;
        for (var i = 3; i + width <= x.Length; i += width)
        {
            var v = Vector128.Create<double>(x.AsSpan(i, width));
            var s = SinCosFloat64.Sin<Vector128<double>, Simd128<double>>(v);
            var c = SinCosFloat64.Cos<Vector128<double>, Simd128<double>>(v);
            for (var k = 0; k < width; k++)
            {
                if (!double.IsNaN(x[i + k]))
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(sin[i + k]), BitConverter.DoubleToInt64Bits(s[k]));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(cos[i + k]), BitConverter.DoubleToInt64Bits(c[k]));
                }
            }
        }
    }

    public static TheoryData<string> WidthNames() => [.. Widths()];

    // The widths the host accelerates, and the 128-bit form without FMA.
    private static IEnumerable<string> Widths() =>
        new[] { "512", "256", "128" }.Where(w => int.Parse(w, System.Globalization.CultureInfo.InvariantCulture) <= SimdWidth.Bits).Append("no-FMA");

    private static void Map(string width, ReadOnlySpan<double> x, Span<double> result, bool cosine)
    {
        switch (width)
        {
            case "512": SinCosFloat64.Map<Vector512<double>, Simd512<double>>(x, result, cosine); break;
            case "256": SinCosFloat64.Map<Vector256<double>, Simd256<double>>(x, result, cosine); break;
            case "128": SinCosFloat64.Map<Vector128<double>, Simd128<double>>(x, result, cosine); break;
            default: SinCosFloat64.Map<Vector128<double>, Simd128WithoutFma>(x, result, cosine); break;
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
            "near-multiples" => (Math.PI / 2 * random.Next(-63_000, 63_000)) + ((random.NextDouble() - 0.5) * 2e-6),
            "tiny" => (random.NextDouble() - 0.5) * 1e-200,
            _ => (random.NextDouble() * 2 - 1) * 1e12,
        })];
    }

    // The error in ulps of the expected value; fails past MaxUlps.
    private static double AssertUlps(double expected, double actual, double x, string name)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{name}({x:R}): expected NaN, got {actual:R}");
            return 0;
        }
        var ulps = Math.Abs(expected - actual) / Math.Max(Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected), double.Epsilon);
        Assert.True(ulps <= MaxUlps, $"{name}({x:R}): expected {expected:R}, got {actual:R} ({ulps:F1} ulp)");
        return ulps;
    }
}
