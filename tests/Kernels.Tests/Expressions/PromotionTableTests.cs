using System.Globalization;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;
using Tessera.Testing;

namespace Tessera.Kernels.Tests.Expressions;

/// <summary>
/// NEP 50's weak Python scalars against NumPy with that promotion switched on: every array type
/// with a Python int, float and bool (array pairs are NumPyParityTests' promotion table).
/// </summary>
public class PromotionTableTests
{
    private static readonly DType[] Types = [.. DTypes.All];

    [Fact]
    public void WeakScalars_PromoteAsNumPy2()
    {
        var names = string.Join(", ", Types.Select(t => $"'{t.NumPyName()}'"));
        var script = $$"""
            import numpy as np
            if hasattr(np, '_set_promotion_state'): np._set_promotion_state('weak')
            types = [{{names}}]
            for a in types:
                x = np.zeros(1, dtype=a)
                print((x + 1).dtype, (x + 1.5).dtype, (x + True).dtype)
            """;
        var lines = PythonOracle.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var failures = new List<string>();
        for (var i = 0; i < Types.Length; i++)
        {
            var expected = lines[i].Split(' ');
            var a = Ex.Input(0, Types[i]);
            Check(failures, $"{Types[i].NumPyName()} + 1", expected[0], TypeOf(() => Ex.Binary(OpTable.Add, a, Ex.Constant(1L))));
            Check(failures, $"{Types[i].NumPyName()} + 1.5", expected[1], TypeOf(() => Ex.Binary(OpTable.Add, a, Ex.Constant(1.5))));
            Check(failures, $"{Types[i].NumPyName()} + True", expected[2], TypeOf(() => Ex.Binary(OpTable.Add, a, Ex.Constant(true))));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData(DType.UInt8, 300L)]
    [InlineData(DType.UInt8, -1L)]
    [InlineData(DType.Int8, 128L)]
    [InlineData(DType.UInt64, -5L)]
    [InlineData(DType.Int16, 40000L)]
    public void WeakIntegerThatDoesNotFit_IsAnError(DType type, long value)
    {
        var error = Assert.Throws<OverflowException>(() => Ex.Binary(OpTable.Add, Ex.Input(0, type), Ex.Constant(value)));
        Assert.Contains(value.ToString(CultureInfo.InvariantCulture), error.Message);
        Assert.Contains(type.NumPyName(), error.Message);
    }

    // bool + True: NumPy keeps bool for +, Tessera documents int32 arithmetic on bools (NumericBinaryFamily).
    private static void Check(List<string> failures, string what, string expected, string actual)
    {
        if (what == "bool + True")
        {
            return;
        }
        if (expected != actual)
        {
            failures.Add($"{what}: NumPy gives {expected}, Tessera {actual}");
        }
    }

    private static string TypeOf(Func<Expr> build) => build().DType.NumPyName();
}
