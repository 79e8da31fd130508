using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Reductions;

/// <summary>Every reduction, every element type, every axis combination of 1-4-D uneven shapes.</summary>
public abstract class ReductionTests
{
    private static readonly int[][] Shapes =
    [
        [7], [5, 3], [3, 4, 5], [2, 3, 4, 5], [3, 1100], [5, 1, 701],
    ];

    internal abstract IComputeBackend Backend { get; }

    // Kinds travel as names: ReductionKind is internal and theory parameters must be public.
    public static TheoryData<string, DType> KindsAndTypes()
    {
        var data = new TheoryData<string, DType>();
        foreach (var kind in Enum.GetValues<ReductionKind>())
        {
            foreach (var dtype in Enum.GetValues<DType>())
            {
                data.Add(kind.ToString(), dtype);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndTypes))]
    public void Reduce_OverEveryAxisCombination_MatchesNaiveReference(string kindName, DType dtype)
    {
        var kind = Enum.Parse<ReductionKind>(kindName);
        if (!Backend.Holds(dtype))
        {
            BackendAssert.RefusesClearly(Backend, dtype);
            return;
        }
        var ddof = kind.ToString().Contains("Var") || kind.ToString().Contains("Std") ? 1 : 0;
        foreach (var shape in Shapes)
        {
            var length = shape.Aggregate(1, (p, d) => p * d);
            var data = TestData.Create(dtype, length, seed: length);
            for (var mask = 0; mask < 1 << shape.Length; mask++)
            {
                var axes = Enumerable.Range(0, shape.Length).Where(k => (mask & (1 << k)) != 0).ToArray();
                AssertReduction(kind, Ex.Input(0, dtype), [data], [shape], shape, axes, ddof);
            }
        }
    }

    [Fact]
    public void Sum_OfSquaresPrologueWithBroadcast_MatchesReference()
    {
        var x = TestData.Create(DType.Float64, 3 * 1000, seed: 1, specials: false);
        var y = TestData.Create(DType.Float64, 1000, seed: 2, specials: false);
        var e = Ex.Pow(Ex.Input(0, DType.Float64) - Ex.Input(1, DType.Float64), 2.0);
        AssertReduction(ReductionKind.Sum, e, [x, y], [[3, 1000], [1000]], [3, 1000], [1], 0);
        AssertReduction(ReductionKind.Std, e, [x, y], [[3, 1000], [1000]], [3, 1000], [0], 0);
        AssertReduction(ReductionKind.ArgMax, e, [x, y], [[3, 1000], [1000]], [3, 1000], [0, 1], 0);
    }

    [Fact]
    public void Reduce_NegativeAxesAndKeptDimensions_AreAccepted()
    {
        var data = new double[] { 1, 2, 3, 4, 5, 6 };
        var input = Buffers.Upload(Backend, data, 2, 3);
        var output = Backend.Allocate(DType.Float64, [2, 1]);
        Backend.Reduce(ReductionKind.Sum, Ex.Input(0, DType.Float64), [input], [-1], output);
        Assert.Equal([Scalar.Float64(6), Scalar.Float64(15)], Buffers.Download(Backend, output));
    }

    [Fact]
    public void Min_OverEmptyAxis_ThrowsLikeNumPy()
    {
        var input = Backend.Allocate(DType.Float64, [0, 3]);
        var output = Backend.Allocate(DType.Float64, [3]);
        var error = Assert.Throws<ArgumentException>(() => Backend.Reduce(ReductionKind.Min, Ex.Input(0, DType.Float64), [input], [0], output));
        Assert.Contains("no identity", error.Message);
        var sum = Backend.Allocate(DType.Float64, [3]);
        Backend.Reduce(ReductionKind.Sum, Ex.Input(0, DType.Float64), [input], [0], sum);
        Assert.All(Buffers.Download(Backend, sum), s => Assert.Equal(0, s.ToDouble()));
    }

    [Fact]
    public void Reduce_WrongOutputType_ThrowsNamingExpectedType()
    {
        var input = Backend.Allocate(DType.Int32, [4]);
        var output = Backend.Allocate(DType.Int32, []);
        var error = Assert.Throws<ArgumentException>(() => Backend.Reduce(ReductionKind.Sum, Ex.Input(0, DType.Int32), [input], [0], output));
        Assert.Contains("Int64", error.Message);
    }

    [Fact]
    public void Reduce_AxisOutOfRange_ThrowsWithValidRange()
    {
        var input = Backend.Allocate(DType.Float64, [4, 2]);
        var output = Backend.Allocate(DType.Float64, [4]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Backend.Reduce(ReductionKind.Sum, Ex.Input(0, DType.Float64), [input], [2], output));
        Assert.Contains("0..1", error.Message);
    }

    internal void AssertReduction(ReductionKind kind, Expr prologue, Array[] data, int[][] shapes, int[] shape, int[] axes, int ddof)
    {
        var what = $"{kind}<{prologue.DType}> of [{string.Join(",", shape)}] over [{string.Join(",", axes)}]";
        var length = shape.Aggregate(1, (p, d) => p * d);
        var values = new Scalar[length];
        for (var i = 0; i < length; i++)
        {
            var flat = i;
            values[i] = ScalarReference.Evaluate(prologue, k => TestData.At(data[k], ScalarReference.BroadcastIndex(flat, shape, shapes[k])));
        }
        var expected = ReductionReference.Reduce(kind, values, shape, [.. axes], ddof);
        var inputs = data.Select((d, k) => Buffers.Upload(Backend, d, shapes[k])).ToArray();
        var outputShape = shape.Where((_, k) => !axes.Contains(k)).ToArray();
        var output = Backend.Allocate(ReductionTypes.ResultType(kind, prologue.DType), outputShape);
        if (expected.Any(e => e is null))
        {
            Assert.Throws<ArgumentException>(() => Backend.Reduce(kind, prologue, inputs, axes, output, ddof));
            return;
        }
        Backend.Reduce(kind, prologue, inputs, axes, output, ddof);
        var actual = Buffers.Download(Backend, output);
        Assert.Equal(expected.Length, actual.Length);
        var relative = output.DType == DType.Float32 ? 2e-6 : 1e-11;
        for (var i = 0; i < actual.Length; i++)
        {
            var e = expected[i]!.Value;
            var ok = output.DType.IsFloatingPoint()
                ? Close.Equal(e.ToDouble(), actual[i].ToDouble(), relative, absolute: relative * 10)
                : e == actual[i];
            Assert.True(ok, $"{what}: output {i}: expected {e}, got {actual[i]}");
        }
    }
}
