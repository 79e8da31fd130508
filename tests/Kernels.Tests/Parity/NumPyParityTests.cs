using System.Globalization;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;
using Tessera.Kernels.Tests.Support;
using Tessera.Testing;

namespace Tessera.Kernels.Tests.Parity;

/// <summary>
/// The ops, type rules and NaN-aware reductions against NumPy itself (Debian's python3-numpy):
/// the scalar references say we are self-consistent, these say we mean what NumPy means.
/// </summary>
public abstract class NumPyParityTests
{
    private static readonly double[] FloatValues =
        [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 1, -1, 3, -7, 0.1, 1e-10, 100];

    private static readonly long[] IntegerValues = [-7, -3, -2, -1, 0, 1, 2, 3, 7, 100];

    internal abstract IComputeBackend Backend { get; }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    public void EveryOp_OnAwkwardValues_MatchesNumPyValuesAndTypes(DType dtype)
    {
        var values = dtype.IsFloatingPoint() ? FloatValues : IntegerValues.Select(v => (double)v).ToArray();
        var script = $$"""
            import numpy as np
            np.seterr(all='ignore')
            vals = np.array([{{string.Join(", ", values.Select(Py))}}], dtype=np.{{NumPyName(dtype)}})
            a = np.repeat(vals, len(vals)); b = np.tile(vals, len(vals))
            for name, arity in [{{string.Join(", ", Applicable(dtype).Select(o => $"('{o.Name}', {o.Arity})"))}}]:
                f = np.round if name == 'round' else getattr(np, name)
                bb = np.abs(b) if name == 'power' and vals.dtype.kind == 'i' else b
                r = np.asarray(f(vals) if arity == 1 else f(a, bb))
                print(name, r.dtype.name, ' '.join(repr(float(x)) for x in r.ravel()))
            """;
        var lines = PythonOracle.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var n = values.Length;
        var data = Typed(values, dtype);
        var left = Typed(Enumerable.Range(0, n * n).Select(i => values[i / n]).ToArray(), dtype);
        var right = Typed(Enumerable.Range(0, n * n).Select(i => values[i % n]).ToArray(), dtype);
        var failures = new List<string>();
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            var op = OpTable.All.Single(o => o.Name == parts[0]);
            var expectedType = parts[1];
            var expected = parts[2..].Select(ParsePy).ToArray();
            Expr e;
            Array[] inputs;
            if (op.Arity == 1)
            {
                e = Ex.Unary(op, Ex.Input(0, dtype));
                inputs = [data];
            }
            else
            {
                e = Ex.Binary(op, Ex.Input(0, dtype), Ex.Input(1, dtype));
                inputs = [left, op == OpTable.Power && !dtype.IsFloatingPoint() ? Typed(Enumerable.Range(0, n * n).Select(i => Math.Abs(values[i % n])).ToArray(), dtype) : right];
            }
            // NumPy keeps integers for round (ours too) but answers bool for logical ops: compare names.
            if (NumPyName(e.DType) != expectedType)
            {
                failures.Add($"{op.Name}<{dtype}>: type {e.DType}, NumPy {expectedType}");
                continue;
            }
            var output = Backend.Allocate(e.DType, [expected.Length]);
            Backend.Elementwise(e, inputs.Select(a => Buffers.Upload(Backend, a, a.Length)).ToArray(), output);
            var actual = Buffers.Download(Backend, output);
            for (var i = 0; i < expected.Length; i++)
            {
                var tolerance = e.DType == DType.Float32 ? 1e-6 : 4e-15;
                if (!Close.Equal(expected[i], actual[i].ToDouble(), tolerance))
                {
                    var operands = op.Arity == 1 ? Py(values[i]) : $"{Py(values[i / n])}, {Py(values[i % n])}";
                    failures.Add($"{op.Name}<{dtype}>({operands}): NumPy {expected[i]}, ours {actual[i]}");
                }
            }
        }
        Assert.Equal(Applicable(dtype).Count(), lines.Length);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }

    [Fact]
    public void PromotionTable_OfArrays_MatchesNumPy()
    {
        var types = Enum.GetValues<DType>();
        var script = $$"""
            import numpy as np
            names = [{{string.Join(", ", types.Select(t => $"'{NumPyName(t)}'"))}}]
            for x in names:
                for y in names:
                    a = np.zeros(1, dtype=x); b = np.ones(1, dtype=y)
                    print(x, y, (a + b).dtype.name, (a / b).dtype.name, np.sin(a).dtype.name, np.maximum(a, b).dtype.name)
            """;
        foreach (var line in PythonOracle.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = line.Split(' ');
            var (x, y) = (FromNumPy(p[0]), FromNumPy(p[1]));
            var (a, b) = (Ex.Input(0, x), Ex.Input(1, y));
            // Documented deviations: bool+bool and max(bool, bool) are int32 here (NumPy: bool).
            var add = x == DType.Bool && y == DType.Bool ? "bool" : NumPyName((a + b).DType);
            var max = x == DType.Bool && y == DType.Bool ? "bool" : NumPyName(Ex.Maximum(a, b).DType);
            var sin = NumPyName(Ex.Sin(a).DType);
            Assert.Equal(line, $"{p[0]} {p[1]} {add} {NumPyName((a / b).DType)} {sin} {max}");
        }
    }

    [Theory]
    [InlineData("Sum", "np.sum")]
    [InlineData("Mean", "np.mean")]
    [InlineData("Max", "np.max")]
    [InlineData("ArgMax", "np.argmax")]
    [InlineData("NanSum", "np.nansum")]
    [InlineData("NanMean", "np.nanmean")]
    [InlineData("NanVar", "lambda x, axis: np.nanvar(x, axis=axis, ddof=1)")]
    [InlineData("NanStd", "np.nanstd")]
    [InlineData("NanMin", "np.nanmin")]
    [InlineData("NanArgMin", "np.nanargmin")]
    [InlineData("Var", "lambda x, axis: np.var(x, axis=axis, ddof=1)")]
    public void NanHandlingReductions_AlongEachAxis_MatchNumPy(string kindName, string numpy)
    {
        var kind = Enum.Parse<ReductionKind>(kindName);
        var ddof = numpy.Contains("ddof=1") ? 1 : 0;
        int[] shape = [4, 3, 5];
        var values = (double[])TestData.Create(DType.Float64, 60, seed: 11, specials: false);
        foreach (var i in new[] { 1, 7, 8, 30, 44, 59 })
        {
            values[i] = double.NaN;
        }
        var script = $$"""
            import numpy as np
            import warnings
            warnings.simplefilter('ignore')
            x = np.array([{{string.Join(", ", values.Select(Py))}}]).reshape(4, 3, 5)
            f = {{numpy}}
            for axis in [0, 1, 2]:
                print(' '.join(repr(float(v)) for v in np.asarray(f(x, axis=axis)).ravel()))
            """;
        var lines = PythonOracle.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var input = Buffers.Upload(Backend, values, shape);
        for (var axis = 0; axis < 3; axis++)
        {
            var expected = lines[axis].Split(' ').Select(ParsePy).ToArray();
            var output = Backend.Allocate(ReductionTypes.ResultType(kind, DType.Float64), shape.Where((_, k) => k != axis).ToArray());
            Backend.Reduce(kind, Ex.Input(0, DType.Float64), [input], [axis], output, ddof);
            var actual = Buffers.Download(Backend, output);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Close.Equal(expected[i], actual[i].ToDouble(), 1e-12),
                    $"{kind} axis {axis} output {i}: NumPy {expected[i]}, ours {actual[i]}");
            }
        }
    }

    // "-0" would reach Python as the integer 0, losing the sign: spell negative zero as a float.
    private static string Py(double v) => v == 0 && double.IsNegative(v) ? "-0.0" : double.IsNaN(v) ? "np.nan" : double.IsInfinity(v) ? (v > 0 ? "np.inf" : "-np.inf")
        : v.ToString("R", CultureInfo.InvariantCulture);

    private static double ParsePy(string s) => s switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(s, CultureInfo.InvariantCulture),
    };

    private static string NumPyName(DType t) => t.NumPyName();

    // NumPy has no bitwise ops on floats; Tessera rejects them too (tested in OpTests).
    private static IEnumerable<OpInfo> Applicable(DType dtype) => OpTable.All.Where(o => !(o.RejectsFloats && dtype.IsFloatingPoint()));

    private static DType FromNumPy(string name) => Enum.GetValues<DType>().Single(t => NumPyName(t) == name);

    private static Array Typed(double[] values, DType dtype) => dtype switch
    {
        DType.Float32 => values.Select(v => (float)v).ToArray(),
        DType.Float64 => values,
        DType.Int32 => values.Select(v => (int)v).ToArray(),
        _ => values.Select(v => (long)v).ToArray(),
    };
}
