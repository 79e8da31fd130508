namespace Tessera.Arrays.Tests;

/// <summary>The elementwise functions beyond the basic ones, against NumPy, in blocks and fused into a chain.</summary>
public class MoreMathTests
{
    private static readonly long[] Shape = [23, 17];

    // Awkward values in every block: NaN, ±∞, ±0, halves (rounding to even), values outside
    // [-1, 1] (arcsin's NaN), negatives (logs' NaN), and ordinary ones.
    private static double[] Values(int seed)
    {
        double[] special = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 1e-12, -1e-12, 1e200, 3];
        var random = new Random(seed);
        return [.. Enumerable.Range(0, 23 * 17).Select(i => i % 5 == 0 ? special[(i / 5) % special.Length] : (random.NextDouble() - 0.4) * 4)];
    }

    public static TheoryData<string, string> UnaryCases() => new()
    {
        { "floor", "np.floor(x)" }, { "ceil", "np.ceil(x)" }, { "round", "np.round(x)" }, { "sign", "np.sign(x)" },
        { "log1p", "np.log1p(x)" }, { "expm1", "np.expm1(x)" }, { "log2", "np.log2(x)" }, { "log10", "np.log10(x)" },
        { "arcsin", "np.arcsin(x)" }, { "arccos", "np.arccos(x)" }, { "arctan", "np.arctan(x)" },
        { "sinh", "np.sinh(x)" }, { "cosh", "np.cosh(x)" },
    };

    private static BlockedArray<double> Apply(string name, BlockedArray<double> x) => name switch
    {
        "floor" => BlockedArray.Floor(x),
        "ceil" => BlockedArray.Ceil(x),
        "round" => BlockedArray.Round(x),
        "sign" => BlockedArray.Sign(x),
        "log1p" => BlockedArray.Log1p(x),
        "expm1" => BlockedArray.Expm1(x),
        "log2" => BlockedArray.Log2(x),
        "log10" => BlockedArray.Log10(x),
        "arcsin" => BlockedArray.ArcSin(x),
        "arccos" => BlockedArray.ArcCos(x),
        "arctan" => BlockedArray.ArcTan(x),
        "sinh" => BlockedArray.Sinh(x),
        "cosh" => BlockedArray.Cosh(x),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void Unary_InBlocks_MatchesNumPy(string name, string numpy)
    {
        var values = Values(1);
        var x = BlockedArray.FromArray(values, Shape, [7, 5]);
        ArrayAssert.EqualNumPy(Apply(name, x), numpy, [NumPyInput.Of("x", values, Shape)], relative: 1e-14);
    }

    [Theory]
    [InlineData("arctan2", "np.arctan2(y, x)")]
    [InlineData("hypot", "np.hypot(y, x)")]
    [InlineData("mod", "np.mod(y, x)")]
    [InlineData("floor_divide", "np.floor_divide(y, x)")]
    public void Binary_InBlocks_MatchesNumPy(string name, string numpy)
    {
        var (a, b) = (Values(2), Values(3));
        var y = BlockedArray.FromArray(a, Shape, [7, 5]);
        var x = BlockedArray.FromArray(b, Shape, [6, 17]); // other chunks: unified as NumPy/dask do
        var result = name switch
        {
            "arctan2" => BlockedArray.ArcTan2(y, x),
            "hypot" => BlockedArray.Hypot(y, x),
            "mod" => BlockedArray.Mod(y, x),
            _ => BlockedArray.FloorDivide(y, x),
        };
        ArrayAssert.EqualNumPy(result, numpy, [NumPyInput.Of("y", a, Shape), NumPyInput.Of("x", b, Shape)], relative: 1e-14);
    }

    [Fact]
    public void Predicates_MatchNumPy()
    {
        var values = Values(4);
        var x = BlockedArray.FromArray(values, Shape, [7, 5]);
        ArrayAssert.EqualNumPy(BlockedArray.IsFinite(x), "np.isfinite(x)", [NumPyInput.Of("x", values, Shape)]);
        ArrayAssert.EqualNumPy(BlockedArray.IsInf(x), "np.isinf(x)", [NumPyInput.Of("x", values, Shape)]);
    }

    [Fact]
    public void Hypot_OfHugeAndTinyValues_NeitherOverflowsNorUnderflows()
    {
        double[] a = [1e200, 1e-200, 3, double.PositiveInfinity];
        double[] b = [1e200, 1e-200, 4, double.NaN];
        var result = BlockedArray.Hypot(BlockedArray.FromArray(a, [4], [2]), BlockedArray.FromArray(b, [4], [2])).Compute();
        Assert.Equal(Math.Sqrt(2) * 1e200, result[0], 1e186);
        Assert.Equal(Math.Sqrt(2) * 1e-200, result[1], 1e-214);
        Assert.Equal(5.0, result[2]);
        Assert.Equal(double.PositiveInfinity, result[3]); // infinity wins over NaN, as C's hypot
    }

    [Fact]
    public void Chain_OfNewFunctions_IsOneFusedLayer()
    {
        var values = Values(5);
        var x = BlockedArray.FromArray(values, Shape, [7, 5]);
        var chain = BlockedArray.Floor(BlockedArray.Log2(BlockedArray.Abs(x) + 1.0)) * BlockedArray.Sign(x);
        ArrayAssert.EqualNumPy(chain, "np.floor(np.log2(np.abs(x) + 1.0)) * np.sign(x)", [NumPyInput.Of("x", values, Shape)]);
        // One layer for the chain over the source: the functions fused, no intermediate arrays.
        Assert.Single(chain.Node.Inputs);
    }
}
