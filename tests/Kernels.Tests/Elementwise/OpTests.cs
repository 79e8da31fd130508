using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Elementwise;

/// <summary>Every op of the table, every element type, lengths that hit every SIMD tail and the tile edge.</summary>
public abstract class OpTests : ElementwiseTestBase
{
    private static readonly int[] Lengths = [0, 1, 7, 31, 733, 4099];

    /// <summary>
    /// The binary ops the mixed-type test runs: all of them by default. Promotion itself is the
    /// expression factory's (backend-independent) job, so a backend that pays a compiler per
    /// kernel may run one op per type family instead; every op and type still runs in
    /// <see cref="Op_AtEveryLength_MatchesScalarReference"/>.
    /// </summary>
    internal virtual IEnumerable<OpInfo> MixedTypeOps => OpTable.All.Where(o => o.Arity == 2 && !o.RejectsFloats);

    public static TheoryData<string, DType> OpsAndTypes()
    {
        var data = new TheoryData<string, DType>();
        foreach (var op in OpTable.All)
        {
            foreach (var dtype in Enum.GetValues<DType>())
            {
                data.Add(op.Name, dtype);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(OpsAndTypes))]
    public void Op_AtEveryLength_MatchesScalarReference(string opName, DType dtype)
    {
        var op = OpTable.All.Single(o => o.Name == opName);
        if (!Backend.Holds(dtype))
        {
            BackendAssert.RefusesClearly(Backend, dtype);
            return;
        }
        if (op.RejectsFloats && dtype.IsFloatingPoint())
        {
            var error = Assert.Throws<NotSupportedException>(() => op.Arity == 1
                ? Ex.Unary(op, Ex.Input(0, dtype))
                : Ex.Binary(op, Ex.Input(0, dtype), Ex.Input(1, dtype)));
            Assert.Contains(dtype.NumPyName(), error.Message);
            return;
        }
        var expression = op.Arity == 1 ? Ex.Unary(op, Ex.Input(0, dtype)) : Ex.Binary(op, Ex.Input(0, dtype), Ex.Input(1, dtype));
        if (!Backend.Holds(expression.DType))
        {
            // sin of a bool array is float16 (NumPy's type), which a GPU backend does not hold.
            BackendAssert.RefusesClearly(Backend, expression.DType);
            return;
        }
        foreach (var n in Lengths)
        {
            var a = TestData.Create(dtype, n, seed: n + 1);
            if (op.Arity == 1)
            {
                AssertMatchesReference(Ex.Unary(op, Ex.Input(0, dtype)), [a], [[n]], [n], $"{opName}<{dtype}>[{n}]");
            }
            else
            {
                var b = TestData.Create(dtype, n, seed: n + 1000);
                AssertMatchesReference(Ex.Binary(op, Ex.Input(0, dtype), Ex.Input(1, dtype)), [a, b], [[n], [n]], [n], $"{opName}<{dtype}>[{n}]");
            }
        }
    }

    [Theory]
    [InlineData(DType.Int32, DType.Float32)]
    [InlineData(DType.Int64, DType.Float32)]
    [InlineData(DType.Bool, DType.Float32)]
    [InlineData(DType.Int32, DType.Int64)]
    [InlineData(DType.Float32, DType.Float64)]
    [InlineData(DType.Bool, DType.Int32)]
    public void BinaryOp_MixedTypes_PromotesAndMatchesScalarReference(DType left, DType right)
    {
        foreach (var op in MixedTypeOps)
        {
            var a = TestData.Create(left, 733, seed: 3);
            var b = TestData.Create(right, 733, seed: 4);
            AssertMatchesReference(Ex.Binary(op, Ex.Input(0, left), Ex.Input(1, right)), [a, b], [[733], [733]], [733], $"{op.Name}({left}, {right})");
        }
    }
}
