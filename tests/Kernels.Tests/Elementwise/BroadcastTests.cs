using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Elementwise;

/// <summary>Size-1 and missing axes are read with stride 0; fused trees with constants, where and casts.</summary>
public abstract class BroadcastTests : ElementwiseTestBase
{
    public static TheoryData<int[], int[], int[]> Shapes() => new()
    {
        { [3, 1, 5], [1, 4, 5], [3, 4, 5] },
        { [7, 1], [1, 613], [7, 613] },
        { [2, 3, 1, 5], [5], [2, 3, 4, 5] },
        { [1], [4099], [4099] },
        { [], [3, 2], [3, 2] },
        { [3000, 1], [3000, 2], [3000, 2] },
        { [1, 1, 9], [2, 1, 1], [2, 5, 9] },
        { [0, 3], [1, 3], [0, 3] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Add_WithBroadcastInputs_MatchesReference(int[] left, int[] right, int[] output)
    {
        var a = TestData.Create(DType.Float64, (int)Length(left), seed: 1);
        var b = TestData.Create(DType.Float64, (int)Length(right), seed: 2);
        var e = Ex.Input(0, DType.Float64) + Ex.Input(1, DType.Float64);
        AssertMatchesReference(e, [a, b], [left, right], output, "broadcast add");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FusedTree_WithConstantsWhereAndCasts_MatchesReference(int[] left, int[] right, int[] output)
    {
        var a = TestData.Create(DType.Float32, (int)Length(left), seed: 5);
        var b = TestData.Create(DType.Int32, (int)Length(right), seed: 6);
        var x = Ex.Input(0, DType.Float32);
        var y = Ex.Input(1, DType.Int32);
        var shared = Ex.Sin(x) * 3.0;
        var e = Ex.Where(Ex.Greater(y, 2L), shared + Ex.Cast(y, DType.Float32), Ex.Pow(shared, 2.0) - Ex.Cos(x))
            + Ex.FloorDivide(Ex.Cast(x, DType.Float32), 2.0);
        Assert.Equal(DType.Float32, e.DType);
        AssertMatchesReference(e, [a, b], [left, right], output, "fused tree", Close.Tolerance(e.DType) * CancellationSlack);
    }

    [Fact]
    public void DeepTree_WithManyConstantsOverSeveralTiles_MatchesReference()
    {
        // Tile buffers are recycled once their node is dead; constants must keep theirs.
        var a = TestData.Create(DType.Float64, 5000, seed: 7);
        var b = TestData.Create(DType.Float64, 5000, seed: 8);
        var x = Ex.Input(0, DType.Float64);
        var y = Ex.Input(1, DType.Float64);
        var left = ((x + 1.0) * 2.0) - (Ex.Exp(x) + 3.0);
        var right = Ex.Maximum(y * 4.0, Ex.Abs(x) - 5.0) / (y + 6.0);
        var e = Ex.Where(Ex.Less(left, right), left * right + 7.0, (left - 8.0) * (right + left));
        // exp's last-ulp differences are amplified by the cancellations in the tree.
        AssertMatchesReference(e, [a, b], [[5000], [5000]], [5000], "deep tree", relative: 1e-12 * CancellationSlack);
    }

    [Fact]
    public void Elementwise_ConstantOnlyExpression_FillsOutput()
    {
        var e = Ex.Typed(Scalar.Int32(4)) * 3L;
        AssertMatchesReference(e, [], [], [5000], "constants");
    }

    [Fact]
    public void Elementwise_InputIsTheRoot_CopiesInput()
    {
        var a = TestData.Create(DType.Int64, 4099, seed: 9);
        AssertMatchesReference(Ex.Input(0, DType.Int64), [a], [[4099]], [4099], "identity");
        AssertMatchesReference(Ex.Input(0, DType.Int64), [a], [[4099]], [3, 4099], "broadcast identity");
    }

    [Fact]
    public void Elementwise_InputNotBroadcastable_ThrowsNamingShapes()
    {
        var input = Backend.Allocate(DType.Float64, [3, 4]);
        var output = Backend.Allocate(DType.Float64, [3, 5]);
        var error = Assert.Throws<ArgumentException>(() => Backend.Elementwise(Ex.Input(0, DType.Float64), [input], output));
        Assert.Contains("[3, 4]", error.Message);
        Assert.Contains("[3, 5]", error.Message);
    }

    [Fact]
    public void Elementwise_OutputOfWrongType_ThrowsWithFix()
    {
        var input = Backend.Allocate(DType.Int32, [3]);
        var output = Backend.Allocate(DType.Float64, [3]);
        var error = Assert.Throws<ArgumentException>(() => Backend.Elementwise(Ex.Input(0, DType.Int32), [input], output));
        Assert.Contains("Ex.Cast", error.Message);
    }

    [Fact]
    public void Elementwise_InputTypeMismatch_ThrowsWithFix()
    {
        var input = Backend.Allocate(DType.Int32, [3]);
        var output = Backend.Allocate(DType.Float64, [3]);
        var error = Assert.Throws<ArgumentException>(() => Backend.Elementwise(Ex.Input(0, DType.Float64), [input], output));
        Assert.Contains("declared Float64", error.Message);
    }

    private static long Length(int[] shape) => shape.Aggregate(1L, (p, d) => p * d);
}
