using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;

namespace Tessera.Kernels.Tests.Expressions;

public class ExprTests
{
    private const DType F32 = DType.Float32, F64 = DType.Float64, I32 = DType.Int32, I64 = DType.Int64, B = DType.Bool;

    [Theory]
    [InlineData(I32, F32, F64)]
    [InlineData(I64, F32, F64)]
    [InlineData(I32, I64, I64)]
    [InlineData(F32, F64, F64)]
    [InlineData(B, F32, F32)]
    [InlineData(B, I64, I64)]
    [InlineData(B, B, I32)] // documented choice: bool arithmetic is int32
    [InlineData(F32, F32, F32)]
    public void Add_OfTwoArrays_PromotesLikeNumPy(DType left, DType right, DType expected)
    {
        Assert.Equal(expected, (Ex.Input(0, left) + Ex.Input(1, right)).DType);
        Assert.Equal(expected, (Ex.Input(0, right) + Ex.Input(1, left)).DType);
    }

    [Fact]
    public void WeakConstants_TakeTheArrayTypeAsNumPy2Scalars()
    {
        Assert.Equal(F32, (Ex.Input(0, F32) * 3.0).DType);
        Assert.Equal(I32, (Ex.Input(0, I32) + 1L).DType);
        Assert.Equal(F64, (Ex.Input(0, I32) + 1.5).DType);
        Assert.Equal(I64, (Ex.Input(0, B) + 1L).DType);
        Assert.Equal(I32, (Ex.Input(0, I32) + Ex.Constant(true)).DType);
        Assert.Equal(F64, (Ex.Constant(1L) + 2.5).DType);
        Assert.Equal(F64, (Ex.Input(0, F32) * Ex.Typed(Scalar.Float64(3))).DType);
    }

    [Fact]
    public void WeakIntegerConstant_TooLargeForInt32_ThrowsWithFix()
    {
        var error = Assert.Throws<OverflowException>(() => Ex.Input(0, I32) + 3_000_000_000L);
        Assert.Contains("Cast that operand to a wider type", error.Message);
    }

    [Fact]
    public void FloatFunctions_OfIntegers_AreFloat64()
    {
        Assert.Equal(F64, Ex.Sin(Ex.Input(0, I32)).DType);
        Assert.Equal(F32, Ex.Sin(Ex.Input(0, F32)).DType);
        Assert.Equal(F64, (Ex.Input(0, I32) / Ex.Input(1, I32)).DType);
        Assert.Equal(F64, (Ex.Input(0, B) / Ex.Input(1, B)).DType);
        Assert.Equal(B, Ex.Less(Ex.Input(0, I32), 2.5).DType);
        Assert.Equal(I32, Ex.Unary(OpTable.Round, Ex.Input(0, I32)).DType);
    }

    [Fact]
    public void Signature_IgnoresConstantValues_ButNotTheirTypes()
    {
        var x = Ex.Input(0, F64);
        Assert.Equal((x * 2.0).Signature, (x * 3.0).Signature);
        Assert.Equal((x * 2.0).Signature.Hash, (x * 3.0).Signature.Hash);
        Assert.NotEqual((x * Ex.Typed(Scalar.Float64(2))).Signature, (Ex.Input(0, F32) * 2.0).Signature);
    }

    [Fact]
    public void Signature_DistinguishesOpsInputsAndTypes()
    {
        var signatures = new[]
        {
            (Ex.Input(0, F64) + Ex.Input(1, F64)).Signature,
            (Ex.Input(0, F64) - Ex.Input(1, F64)).Signature,
            (Ex.Input(1, F64) + Ex.Input(0, F64)).Signature,
            (Ex.Input(0, F32) + Ex.Input(1, F32)).Signature,
            (Ex.Input(0, F64) + Ex.Input(0, F64)).Signature,
            Ex.Sin(Ex.Input(0, F64) + Ex.Input(1, F64)).Signature,
        };
        Assert.Equal(signatures.Length, signatures.Select(s => s.Text).Distinct().Count());
        Assert.Equal(signatures.Length, signatures.Select(s => s.Hash).Distinct().Count());
    }

    [Fact]
    public void Constants_AreListedInParameterOrder()
    {
        var e = (Ex.Input(0, F64) * 2.0) + Ex.Where(Ex.Greater(Ex.Input(1, I32), 7L), 5.0, -1.0);
        var values = ExprWalk.Constants(e).Select(c => c.Value.ToDouble()).ToArray();
        Assert.Equal([2.0, 7.0, 5.0, -1.0], values);
        Assert.Equal(2, ExprWalk.InputCount(e));
    }

    [Fact]
    public void OpTable_IdsAndNamesAreUnique_AndEveryOpHasACExpression()
    {
        Assert.Equal(OpTable.All.Count, OpTable.All.Select(o => o.Id).Distinct().Count());
        Assert.Equal(OpTable.All.Count, OpTable.All.Select(o => o.Name).Distinct().Count());
        Assert.All(OpTable.All, o => Assert.Contains("{0}", o.CExpression));
        Assert.All(OpTable.All.Where(o => o.Arity == 2), o => Assert.Contains("{1}", o.CExpression));
    }

    [Fact]
    public void Binary_WithUnaryOp_ThrowsNamingArity()
    {
        var error = Assert.Throws<ArgumentException>(() => Ex.Binary(OpTable.Sin, Ex.Input(0, F64), Ex.Input(1, F64)));
        Assert.Contains("Ex.Unary", error.Message);
    }
}
