using System.Globalization;

namespace Tessera.Arrays.Tests.LinearAlgebra;

/// <summary>Linalg.Norm against numpy.linalg.norm: every vector and matrix order, along axes, keepdims, double and float.</summary>
public class NormTests
{
    private static readonly long[] Shape = [6, 5, 4];
    private static readonly long[] Chunks = [4, 2, 3];
    private static readonly double[] A = [.. LinalgOracle.Values(120, 11).Select((v, i) => i % 7 == 0 ? 0 : v)];
    private static readonly float[] F = [.. A.Select(v => (float)v)];
    private static readonly double[] Tall = LinalgOracle.Values(36, 36);

    private static string Ord(double? ord) => ord switch
    {
        null => "None",
        double.PositiveInfinity => "np.inf",
        double.NegativeInfinity => "-np.inf",
        _ => ord.Value.ToString(CultureInfo.InvariantCulture),
    };

    private static string Keep(bool keepDims) => keepDims ? "True" : "False";

    private static string VectorExpression(string input, double? ord, int axis, bool keepDims) =>
        $"np.linalg.norm({input}, ord={Ord(ord)}, axis={axis}, keepdims={Keep(keepDims)})";

    private static string MatrixExpression(double? ord, int[] axes, bool keepDims) =>
        $"np.linalg.norm(a, ord={Ord(ord)}, axis=({axes[0]}, {axes[1]}), keepdims={Keep(keepDims)})";

    private static string NamedExpression(string ord, bool wide, bool keepDims) =>
        $"np.linalg.norm({(wide ? "t.T" : "t")}, ord={(ord is "fro" or "nuc" ? $"'{ord}'" : ord)}, keepdims={Keep(keepDims)})";

    public static TheoryData<double?, int, bool> VectorCases => new()
    {
        { null, 2, false },
        { 2, 0, true },
        { 1, 1, false },
        { double.PositiveInfinity, -1, false },
        { double.NegativeInfinity, 0, false },
        { 0, 2, true },
        { 3, 1, false },
        { 0.5, 0, false },
    };

    public static TheoryData<double?, int[], bool> MatrixCases => new()
    {
        { null, [0, 1], false },
        { 1, [0, 2], false },
        { -1, [1, 2], true },
        { double.PositiveInfinity, [2, 0], false },
        { double.NegativeInfinity, [0, 1], true },
    };

    public static TheoryData<string, bool, bool> NamedCases => new()
    {
        { "fro", false, false },
        { "nuc", false, false },
        { "2", false, true },
        { "-2", true, false },
        { "nuc", true, true },
    };

    /// <summary>Every case's NumPy answer from one python3 run.</summary>
    private static readonly Lazy<NumPyBatch> Batch = new(() => new NumPyBatch(
        [new NumPyInput("a", A, Shape), new NumPyInput("f", F, Shape), NumPyInput.Of("t", Tall, 9, 4)],
        [
            .. VectorCases.SelectMany(c => new[] { VectorExpression("a", (double?)c[0], (int)c[1], (bool)c[2]), VectorExpression("f", (double?)c[0], (int)c[1], (bool)c[2]) }),
            .. MatrixCases.Select(c => MatrixExpression((double?)c[0], (int[])c[1], (bool)c[2])),
            .. NamedCases.Select(c => NamedExpression((string)c[0], (bool)c[1], (bool)c[2])),
            "np.linalg.norm(a)",
        ]));

    [Theory]
    [MemberData(nameof(VectorCases))]
    public void VectorNorm_MatchesNumPy(double? ord, int axis, bool keepDims)
    {
        BlockedArray<double> Build() => Linalg.Norm(BlockedArray.FromArray(A, Shape, [.. Chunks]), ord, [axis], keepDims);
        Batch.Value.AssertEqual(Build(), VectorExpression("a", ord, axis, keepDims), 1e-12);
        ArrayAssert.AssertDeterministicKeys(Build(), Build);
        Batch.Value.AssertEqual(Linalg.Norm(BlockedArray.FromArray(F, Shape, [.. Chunks]), ord, [axis], keepDims), VectorExpression("f", ord, axis, keepDims), 2e-6);
    }

    [Theory]
    [MemberData(nameof(MatrixCases))]
    public void MatrixNorm_MatchesNumPy(double? ord, int[] axes, bool keepDims) =>
        Batch.Value.AssertEqual(Linalg.Norm(BlockedArray.FromArray(A, Shape, [.. Chunks]), ord, axes, keepDims), MatrixExpression(ord, axes, keepDims), 1e-12);

    [Theory]
    [MemberData(nameof(NamedCases))]
    public void MatrixNorms_Fro_Nuc_Spectral_MatchNumPy(string ord, bool wide, bool keepDims)
    {
        var t = BlockedArray.FromArray(Tall, [9, 4], [3, 3]);
        var x = wide ? t.T : t;
        var norm = ord is "fro" or "nuc"
            ? Linalg.Norm(x, ord, keepDims: keepDims)
            : Linalg.Norm(x, double.Parse(ord, CultureInfo.InvariantCulture), keepDims: keepDims);
        Batch.Value.AssertEqual(norm, NamedExpression(ord, wide, keepDims), 1e-12);
    }

    [Fact]
    public void NoOrderNoAxes_IsTheTwoNormOfEveryElement() =>
        Batch.Value.AssertEqual(Linalg.Norm(BlockedArray.FromArray(A, Shape, [.. Chunks])), "np.linalg.norm(a)", 1e-12);

    [Fact]
    public void BadOrdersAndAxes_AreExplained()
    {
        var x = BlockedArray.Zeros<double>(Shape, [3, 3, 3]);
        Assert.Contains("needs axes", Assert.Throws<ArgumentException>(() => Linalg.Norm(x, 2)).Message, StringComparison.Ordinal);
        Assert.Contains("not a matrix norm", Assert.Throws<ArgumentException>(() => Linalg.Norm(x, 3, [0, 1])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Linalg.Norm(x, "max", [0, 1]));
        Assert.Throws<ArgumentException>(() => Linalg.Norm(x, 2, [0, 0]));
        Assert.Throws<ArgumentException>(() => Linalg.Norm(x, 2, [0, 1]));
    }
}
