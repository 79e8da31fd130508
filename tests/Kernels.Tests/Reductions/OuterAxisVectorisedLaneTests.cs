using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Reductions;

/// <summary>
/// The outer-axis reductions issue #13 moved from per-element loops to vector lanes (nanvar and
/// nanstd; argmin and argmax of float32, int32 and int64; integer sums, means, moments and
/// products; any and all), at each vector width, against the naive reference (NumPy's rules):
/// NaN first, in whole columns and only in the scalar tails; ties (the first index wins);
/// integers that overflow int32 (summed in int64) and int64 products that wrap. Row lengths
/// leave every tail at every width; row counts cover the eight-row strips, the single rows
/// after them and more than one fold. Every case also runs through a prologue (−x), whose
/// tiles break rows into partial runs.
/// </summary>
public class OuterAxisVectorisedLaneTests
{
    private static readonly int[] RowLengths = [1, 3, 7, 17, 33, 67, 1031];

    private static readonly int[] RowCounts = [1, 2, 7, 8, 9, 17, 23, 260];

    private static readonly string[] Widths = ["512", "256", "128"];

    private static readonly string[] FloatPatterns = ["sprinkled", "allNaNColumns", "firstRows", "tailsOnly", "none"];

    private static readonly ReductionKind[] FloatKinds =
        [ReductionKind.NanVar, ReductionKind.NanStd, ReductionKind.Var, ReductionKind.ArgMin, ReductionKind.ArgMax, ReductionKind.NanArgMin, ReductionKind.NanArgMax];

    private static readonly ReductionKind[] IntegerKinds =
        [ReductionKind.Sum, ReductionKind.NanSum, ReductionKind.Mean, ReductionKind.NanMean, ReductionKind.Var, ReductionKind.NanStd,
            ReductionKind.Prod, ReductionKind.NanProd, ReductionKind.ArgMin, ReductionKind.ArgMax, ReductionKind.NanArgMin, ReductionKind.NanArgMax];

    public static TheoryData<string, string, DType> FloatCases()
    {
        var data = new TheoryData<string, string, DType>();
        foreach (var width in Widths)
        {
            foreach (var kind in FloatKinds)
            {
                data.Add(width, kind.ToString(), DType.Float64);
                data.Add(width, kind.ToString(), DType.Float32);
            }
        }
        return data;
    }

    public static TheoryData<string, string, DType> IntegerCases()
    {
        var data = new TheoryData<string, string, DType>();
        foreach (var width in Widths)
        {
            foreach (var kind in IntegerKinds)
            {
                data.Add(width, kind.ToString(), DType.Int32);
                data.Add(width, kind.ToString(), DType.Int64);
            }
        }
        return data;
    }

    public static TheoryData<string, string> LogicalCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var width in Widths)
        {
            data.Add(width, nameof(ReductionKind.Any));
            data.Add(width, nameof(ReductionKind.All));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void FloatReduction_OverTheOuterAxis_MatchesReference(string width, string kindName, DType dtype)
    {
        var kind = Enum.Parse<ReductionKind>(kindName);
        var tests = At(width);
        ForEachShape((rows, cols) =>
        {
            foreach (var pattern in FloatPatterns)
            {
                var data = FloatData(dtype, rows, cols, pattern, seed: (rows * 131) + cols);
                Check(tests, kind, dtype, data, rows, cols, ddof: kind == ReductionKind.NanStd ? 1 : 0);
            }
        });
    }

    [Theory]
    [MemberData(nameof(IntegerCases))]
    public void IntegerReduction_OverTheOuterAxis_MatchesReference(string width, string kindName, DType dtype)
    {
        var kind = Enum.Parse<ReductionKind>(kindName);
        var tests = At(width);
        ForEachShape((rows, cols) =>
        {
            foreach (var range in new[] { "small", "large" })
            {
                var data = IntegerData(dtype, rows, cols, kind is ReductionKind.Prod or ReductionKind.NanProd, range == "large", seed: (rows * 17) + cols);
                Check(tests, kind, dtype, data, rows, cols, ddof: 0);
            }
        });
    }

    [Theory]
    [MemberData(nameof(LogicalCases))]
    public void LogicalReduction_OverTheOuterAxis_MatchesReference(string width, string kindName)
    {
        var kind = Enum.Parse<ReductionKind>(kindName);
        var tests = At(width);
        ForEachShape((rows, cols) =>
        {
            var random = new Random((rows * 7) + cols);
            // Columns all true, all false and mixed, so every output of any and all takes both answers.
            var data = Enumerable.Range(0, rows * cols).Select(i => (i % cols % 3) switch
            {
                0 => true,
                1 => false,
                _ => random.Next(rows) == 0,
            } ^ (kind == ReductionKind.All && i % cols % 3 == 2)).ToArray();
            tests.AssertReduction(kind, Ex.Input(0, DType.Bool), [data], [[rows, cols]], [rows, cols], [0], 0);
            // Any and all of a float prologue read x != 0 (NaN is true).
            var floats = data.Select((b, i) => b ? (i % 5 == 0 ? double.NaN : 1.5) : 0.0).ToArray();
            tests.AssertReduction(kind, Ex.Input(0, DType.Float64), [floats], [[rows, cols]], [rows, cols], [0], 0);
        });
    }

    /// <summary>
    /// Exact reductions (argmin/argmax, integer sums and products, any/all, float nansum: every
    /// lane adds its column in row order at any width) give the same bits at every width; the
    /// moments may differ in the last bits (a fused multiply-add in the vector lanes, not in the
    /// scalar tails), so they are compared by the reference test above.
    /// </summary>
    [Theory]
    [InlineData("ArgMax", DType.Float32)]
    [InlineData("NanArgMin", DType.Float32)]
    [InlineData("ArgMin", DType.Float64)]
    [InlineData("ArgMax", DType.Int32)]
    [InlineData("ArgMin", DType.Int64)]
    [InlineData("Sum", DType.Int32)]
    [InlineData("NanSum", DType.Int64)]
    [InlineData("NanMean", DType.Int32)]
    [InlineData("Prod", DType.Int64)]
    [InlineData("NanSum", DType.Float32)]
    [InlineData("NanProd", DType.Float64)]
    [InlineData("Any", DType.Bool)]
    [InlineData("All", DType.Bool)]
    public void ExactReduction_OverTheOuterAxis_IsIdenticalAtEveryWidth(string kindName, DType dtype)
    {
        var kind = Enum.Parse<ReductionKind>(kindName);
        const int rows = 261, cols = 67;
        Array data = dtype switch
        {
            DType.Bool => Enumerable.Range(0, rows * cols).Select(i => (i * 7919 % 13) != 0).ToArray(),
            DType.Float32 or DType.Float64 => FloatData(dtype, rows, cols, "sprinkled", seed: 5),
            _ => IntegerData(dtype, rows, cols, kind == ReductionKind.Prod, large: true, seed: 5),
        };
        var results = Widths.Select(w => Reduce(At(w).Backend, kind, dtype, data, rows, cols)).ToArray();
        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
    }

    [Fact]
    public void ArgMax_OfFloat32Columns_ReturnsTheFirstNaNOrTheFirstOfTies()
    {
        // Column 0: a tie at rows 1 and 3; column 1: NaN at rows 2 and 4; column 2: all NaN.
        float[] data =
        [
            1, 0, float.NaN,
            5, 9, float.NaN,
            2, float.NaN, float.NaN,
            5, 9, float.NaN,
            3, float.NaN, float.NaN,
        ];
        var backend = At("256").Backend;
        Assert.Equal([1L, 2L, 0L], Reduce(backend, ReductionKind.ArgMax, DType.Float32, data, 5, 3));
        Assert.Equal([0L, 2L, 0L], Reduce(backend, ReductionKind.ArgMin, DType.Float32, data, 5, 3));
        var nanArgMax = () => Reduce(backend, ReductionKind.NanArgMax, DType.Float32, data, 5, 3);
        Assert.Contains("All-NaN", Assert.Throws<ArgumentException>(nanArgMax).Message);
        float[] noAllNaN = [.. data.Select((v, i) => i % 3 == 2 ? i : v)];
        Assert.Equal([1L, 1L, 4L], Reduce(backend, ReductionKind.NanArgMax, DType.Float32, noAllNaN, 5, 3));
        Assert.Equal([0L, 0L, 0L], Reduce(backend, ReductionKind.NanArgMin, DType.Float32, noAllNaN, 5, 3));
    }

    [Fact]
    public void NanVar_OfColumns_SkipsNaNAndGivesNaNForAnAllNaNColumn()
    {
        // Column 0: 1, 2, 4 (NaN skipped); column 1: one value; column 2: all NaN.
        double[] data =
        [
            1, double.NaN, double.NaN,
            double.NaN, 7, double.NaN,
            2, double.NaN, double.NaN,
            4, double.NaN, double.NaN,
        ];
        var backend = At("128").Backend;
        var variance = Reduce(backend, ReductionKind.NanVar, DType.Float64, data, 4, 3).Cast<double>().ToArray();
        Assert.Equal(14.0 / 9, variance[0], 1e-15);
        Assert.Equal(0, variance[1]);
        Assert.True(double.IsNaN(variance[2]));
        var sample = Reduce(backend, ReductionKind.NanVar, DType.Float64, data, 4, 3, ddof: 1).Cast<double>().ToArray();
        Assert.Equal(14.0 / 6, sample[0], 1e-15);
        Assert.True(double.IsNaN(sample[1]), "one value with ddof 1 is 0/0, NaN as in NumPy");
    }

    /// <summary>
    /// nanvar of values far from zero with NaN (the first rows included), over enough rows that
    /// the lanes fold many times: the shift keeps it as accurate as the two-pass form.
    /// </summary>
    [Theory]
    [InlineData("512")]
    [InlineData("256")]
    [InlineData("128")]
    public void NanVar_OfLargeOffsetColumns_IsAccurate(string width)
    {
        const int rows = 3000, cols = 37;
        var random = new Random(11);
        var data = new double[rows * cols];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (i / cols < 3 && i % 2 == 0) || random.Next(10) == 0 ? double.NaN : 1e8 + random.NextDouble();
        }
        var actual = Reduce(At(width).Backend, ReductionKind.NanVar, DType.Float64, data, rows, cols).Cast<double>().ToArray();
        for (var c = 0; c < cols; c++)
        {
            var column = Enumerable.Range(0, rows).Select(r => data[(r * cols) + c]).Where(v => !double.IsNaN(v)).ToArray();
            var mean = column.Average();
            var expected = column.Sum(v => (v - mean) * (v - mean)) / column.Length;
            Assert.True(Math.Abs(actual[c] - expected) <= 1e-9 * expected, $"column {c}: {actual[c]} vs {expected}");
        }
    }

    private static ReductionTests At(string width) => width switch
    {
        "512" => new Width512ReductionTests(),
        "256" => new Width256ReductionTests(),
        "128" => new Width128ReductionTests(),
        _ => throw new ArgumentException($"No width {width}: use 512, 256 or 128.", nameof(width)),
    };

    private static void ForEachShape(Action<int, int> check)
    {
        foreach (var rows in RowCounts)
        {
            foreach (var cols in RowLengths)
            {
                // The naive reference is slow; 260 rows by 67 columns already folds the sums.
                if (rows * cols <= 20_000)
                {
                    check(rows, cols);
                }
            }
        }
    }

    /// <summary>The reduction over axis 0, read in place and through the prologue −x (tiles that break rows).</summary>
    private static void Check(ReductionTests tests, ReductionKind kind, DType dtype, Array data, int rows, int cols, int ddof)
    {
        tests.AssertReduction(kind, Ex.Input(0, dtype), [data], [[rows, cols]], [rows, cols], [0], ddof);
        tests.AssertReduction(kind, -Ex.Input(0, dtype), [data], [[rows, cols]], [rows, cols], [0], ddof);
    }

    private static object[] Reduce(IComputeBackend backend, ReductionKind kind, DType dtype, Array data, int rows, int cols, int ddof = 0)
    {
        var input = Buffers.Upload(backend, data, rows, cols);
        var output = backend.Allocate(ReductionTypes.ResultType(kind, dtype), [cols]);
        backend.Reduce(kind, Ex.Input(0, dtype), [input], [0], output, ddof);
        return [.. Buffers.Download(backend, output).Select(s => s.DType switch
        {
            DType.Int64 => (object)s.As<long>(),
            DType.Bool => s.ToDouble() != 0,
            _ => s.ToDouble(),
        })];
    }

    /// <summary>Values with ties, NaN placed as <paramref name="pattern"/> says.</summary>
    private static Array FloatData(DType dtype, int rows, int cols, string pattern, int seed)
    {
        var random = new Random(seed);
        double Next(int i)
        {
            var (r, c) = (i / cols, i % cols);
            var nan = pattern switch
            {
                "sprinkled" => random.Next(8) == 0,
                "allNaNColumns" => c % 5 == 2 || (c % 5 == 4 && random.Next(2) == 0),
                // NaN where the lanes start (the shift of nanvar, the first best of argmin).
                "firstRows" => r < 3 && c % 2 == 0,
                // Past the last whole strip at every width: 2 × 16 float32 lanes at 512 bits.
                "tailsOnly" => c >= cols - (cols % 32) && c >= cols - 31 && random.Next(3) == 0,
                _ => false,
            };
            return nan ? double.NaN : Math.Round(((random.NextDouble() * 2) - 1) * 10, random.Next(2) == 0 ? 0 : 5);
        }
        var n = rows * cols;
        return dtype == DType.Float64
            ? Enumerable.Range(0, n).Select(Next).ToArray()
            : Enumerable.Range(0, n).Select(i => (float)Next(i)).ToArray();
    }

    /// <summary>
    /// Integers with ties; large ones overflow int32 when summed (and int64 when multiplied),
    /// products' small ones stay near ±1 so that the products are not all 0 or wrapped.
    /// </summary>
    private static Array IntegerData(DType dtype, int rows, int cols, bool product, bool large, int seed)
    {
        var random = new Random(seed);
        long Next(int i) =>
            product ? (large && random.Next(5) == 0 ? random.Next(1 << 20, 1 << 30) : random.Next(4) switch { 0 => -1, 1 => 2, 2 => -2, _ => 1 })
            : large ? (dtype == DType.Int32 ? random.Next(int.MaxValue - 1000, int.MaxValue) * (random.Next(2) == 0 ? 1L : -1L) : random.NextInt64(-(1L << 52), 1L << 52))
            : random.Next(-5, 6);
        var n = rows * cols;
        return dtype == DType.Int64
            ? Enumerable.Range(0, n).Select(Next).ToArray()
            : Enumerable.Range(0, n).Select(i => (int)Next(i)).ToArray();
    }
}
