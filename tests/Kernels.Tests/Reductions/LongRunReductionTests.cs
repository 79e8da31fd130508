using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Reductions;

/// <summary>
/// A reduction of one contiguous input takes runs of many tiles at once, and variances fold
/// later runs in one pass shifted by the mean so far: both must agree with two-pass references
/// across tile boundaries, for data far from zero, data that trends across the runs, data that
/// jumps between runs, and with infinities and NaN.
/// </summary>
public class LongRunReductionTests
{
    private static readonly IComputeBackend Backend = CpuBackend.Instance;

    private static (double Mean, double Variance) Reference(double[] values)
    {
        var mean = values.Sum() / values.Length;
        var m2 = values.Sum(v => (v - mean) * (v - mean));
        return (mean, m2 / values.Length);
    }

    private static (double Mean, double Variance) Moments(Array data, DType dtype, int[] shape, int[] axes)
    {
        var input = Buffers.Upload(Backend, data, shape);
        var mean = Backend.Allocate(DType.Float64, []);
        var variance = Backend.Allocate(DType.Float64, []);
        Backend.ReduceMoments(Ex.Input(0, dtype), [input], axes, mean, variance);
        return (((CpuBuffer<double>)mean).Span[0], ((CpuBuffer<double>)variance).Span[0]);
    }

    private static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}");

    public static TheoryData<string> Data => ["offset", "trend", "steps"];

    private static double[] Make(string kind, int n)
    {
        var random = new Random(7);
        return kind switch
        {
            "offset" => [.. Enumerable.Range(0, n).Select(_ => 1e8 + random.NextDouble())],                 // mean far from 0, small spread
            "trend" => [.. Enumerable.Range(0, n).Select(i => i * 0.5)],                                    // every run's mean moves away
            _ => [.. Enumerable.Range(0, n).Select(i => i < n / 2 ? random.NextDouble() : 1e6 + random.NextDouble())], // a jump mid-way
        };
    }

    [Theory]
    [MemberData(nameof(Data))]
    public void Float64Moments_OverManyRuns_MatchTheTwoPassReference(string kind)
    {
        const int n = 250_005; // about 15 runs of 16K elements, the last one short
        var values = Make(kind, n);
        var (mean, variance) = Reference(values);
        var (m, v) = Moments(values, DType.Float64, [n], [0]);
        Close(mean, m, 1e-14, $"{kind} mean");
        Close(variance, v, 1e-10, $"{kind} variance");
        // The same values as 5 rows of 50,001: runs end at each row.
        (m, v) = Moments(values, DType.Float64, [5, n / 5], [0, 1]);
        Close(mean, m, 1e-14, $"{kind} mean over rows");
        Close(variance, v, 1e-10, $"{kind} variance over rows");
    }

    [Fact]
    public void Float32Moments_OverManyRuns_MatchTheWidenedReference()
    {
        const int n = 100_000;
        var random = new Random(3);
        var values = Enumerable.Range(0, n).Select(_ => (float)(1e4 + (random.NextDouble() * 3))).ToArray();
        var (mean, variance) = Reference([.. values.Select(v => (double)v)]);
        var (m, v) = Moments(values, DType.Float32, [n], [0]);
        Close(mean, m, 1e-14, "float32 mean");
        Close(variance, v, 1e-9, "float32 variance");
    }

    [Fact]
    public void Moments_WithInfinityOrNaN_InALaterRun_GiveNumPysMeanAndVariance()
    {
        const int n = 40_000;
        var withInf = Enumerable.Range(0, n).Select(i => i == 30_000 ? double.PositiveInfinity : 1.0).ToArray();
        var (m, v) = Moments(withInf, DType.Float64, [n], [0]);
        Assert.Equal(double.PositiveInfinity, m);
        Assert.True(double.IsNaN(v), $"variance with an infinity: {v}");
        var withNaN = Enumerable.Range(0, n).Select(i => i == 35_000 ? double.NaN : 1.0).ToArray();
        (m, v) = Moments(withNaN, DType.Float64, [n], [0]);
        Assert.True(double.IsNaN(m) && double.IsNaN(v), $"mean {m}, variance {v} with a NaN");
    }

    [Theory]
    [InlineData("Sum")]
    [InlineData("Min")]
    [InlineData("Max")]
    [InlineData("Mean")]
    public void ReductionsOfOneContiguousInput_AcrossLongRuns_MatchTheReference(string kindName)
    {
        var kind = Enum.Parse<ReductionKind>(kindName);
        int[] shape = [3, 70_001]; // rows longer than a long run, reduced whole and per row
        var random = new Random((int)kind);
        var values = Enumerable.Range(0, 3 * 70_001).Select(_ => (random.NextDouble() * 100) - 50).ToArray();
        double Expected(IEnumerable<double> v) => kind switch
        {
            ReductionKind.Sum => v.Sum(),
            ReductionKind.Min => v.Min(),
            ReductionKind.Max => v.Max(),
            _ => v.Average(),
        };
        // Sums of values of both signs cancel: errors are measured against the sum of magnitudes.
        void Near(double expected, double actual, IEnumerable<double> of, string what)
        {
            var scale = kind is ReductionKind.Sum or ReductionKind.Mean ? Expected(of.Select(Math.Abs)) : Math.Abs(expected);
            Assert.True(Math.Abs(expected - actual) <= 1e-12 * scale, $"{what}: expected {expected:R}, got {actual:R}");
        }
        var input = Buffers.Upload(Backend, values, shape);
        var all = Backend.Allocate(DType.Float64, []);
        Backend.Reduce(kind, Ex.Input(0, DType.Float64), [input], [0, 1], all);
        Near(Expected(values), ((CpuBuffer<double>)all).Span[0], values, $"{kind} of all");
        var rows = Backend.Allocate(DType.Float64, [3]);
        Backend.Reduce(kind, Ex.Input(0, DType.Float64), [input], [1], rows);
        for (var r = 0; r < 3; r++)
        {
            var row = values.Skip(r * 70_001).Take(70_001).ToArray();
            Near(Expected(row), ((CpuBuffer<double>)rows).Span[r], row, $"{kind} of row {r}");
        }
        var columns = Backend.Allocate(DType.Float64, [70_001]);
        Backend.Reduce(kind, Ex.Input(0, DType.Float64), [input], [0], columns);
        for (var c = 0; c < 70_001; c += 9_999)
        {
            double[] column = [values[c], values[70_001 + c], values[140_002 + c]];
            Near(Expected(column), ((CpuBuffer<double>)columns).Span[c], column, $"{kind} of column {c}");
        }
    }
}
