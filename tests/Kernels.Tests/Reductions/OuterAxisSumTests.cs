using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Reductions;

/// <summary>
/// Sums and means over outer axes (the innermost axis kept) go through plain double lanes folded
/// into compensated sums every few hundred rows: the results must stay as accurate as the
/// compensated per-element path, across many folds and for both float types.
/// </summary>
public class OuterAxisSumTests
{
    private static readonly IComputeBackend Backend = CpuBackend.Instance;

    [Theory]
    [InlineData(5003, 7)]    // ~20 folds of 256 rows, an odd row count
    [InlineData(300, 1)]     // a single lane
    [InlineData(2, 4099)]    // wide rows: lanes span several tiles, no fold before the end
    // Eight-row groups (whole vector strips; strips and a scalar remainder with folds between
    // groups) add in row order, as row by row: the plain lanes' own rounding, within 1e-15.
    [InlineData(64, 2000, 1e-15)]
    [InlineData(1003, 35, 1e-15)]
    public void SumAndMeanOverAxisZeroMatchAnExactReference(int rows, int cols, double tolerance = 4e-16)
    {
        var random = new Random(rows * 31 + cols);
        // Large offsets with small variations: plain summation of the whole column would lose digits.
        var data = Enumerable.Range(0, rows * cols).Select(_ => 1e8 + (random.NextDouble() * 1e-3)).ToArray();
        var input = Buffers.Upload(Backend, data, rows, cols);
        var sum = Backend.Allocate(DType.Float64, [cols]);
        var mean = Backend.Allocate(DType.Float64, [cols]);
        Backend.Reduce(ReductionKind.Sum, Ex.Input(0, DType.Float64), [input], [0], sum);
        Backend.Reduce(ReductionKind.Mean, Ex.Input(0, DType.Float64), [input], [0], mean);
        var sums = Buffers.Download(Backend, sum);
        var means = Buffers.Download(Backend, mean);
        for (var c = 0; c < cols; c++)
        {
            var column = Enumerable.Range(0, rows).Select(r => data[(r * cols) + c]).ToArray();
            var exact = DoubleDoubleSum(column);
            Assert.True(Close.Equal(exact, sums[c].ToDouble(), tolerance), $"sum column {c}: {exact:R} vs {sums[c].ToDouble():R}");
            Assert.True(Close.Equal(exact / rows, means[c].ToDouble(), tolerance), $"mean column {c}");
        }
    }

    // Knuth's two-sum carried in a (high, low) pair: exact to ~2^-106 relative, then rounded once.
    private static double DoubleDoubleSum(double[] values)
    {
        double high = 0, low = 0;
        foreach (var v in values)
        {
            var t = high + v;
            var z = t - high;
            low += (high - (t - z)) + (v - z);
            high = t;
        }
        return high + low;
    }

    [Fact]
    public void Float32MeanOverLeadingAxesOfA3DBlock()
    {
        const int a = 40, b = 30, c = 9;
        var random = new Random(7);
        var data = Enumerable.Range(0, a * b * c).Select(_ => (float)(random.NextDouble() * 100)).ToArray();
        var input = Buffers.Upload(Backend, data, a, b, c);
        var mean = Backend.Allocate(DType.Float32, [c]);
        Backend.Reduce(ReductionKind.Mean, Ex.Input(0, DType.Float32), [input], [0, 1], mean);
        var means = Buffers.Download(Backend, mean);
        for (var k = 0; k < c; k++)
        {
            double exact = 0;
            for (var i = 0; i < a * b; i++)
            {
                exact += data[(i * c) + k];
            }
            Assert.True(Close.Equal(exact / (a * b), means[k].ToDouble(), 1e-7), $"lane {k}");
        }
    }

    [Theory]
    [InlineData(300, 37)]   // vector body and a scalar tail per row
    [InlineData(3, 1500)]   // rows split across tiles: runs start mid-row
    [InlineData(1029, 16)]  // tiles start mid-row, several folds
    [InlineData(64, 2000)]  // eight-row groups of whole float32 strips
    public void Float32MeanAndSumOverAxisZero_EveryLaneCountedOnce(int rows, int cols)
    {
        var random = new Random(rows + cols);
        var data = Enumerable.Range(0, rows * cols).Select(_ => (float)(random.NextDouble() * 100)).ToArray();
        var input = Buffers.Upload(Backend, data, rows, cols);
        var sum = Backend.Allocate(DType.Float32, [cols]);
        var mean = Backend.Allocate(DType.Float32, [cols]);
        Backend.Reduce(ReductionKind.Sum, Ex.Input(0, DType.Float32), [input], [0], sum);
        Backend.Reduce(ReductionKind.Mean, Ex.Input(0, DType.Float32), [input], [0], mean);
        var sums = Buffers.Download(Backend, sum);
        var means = Buffers.Download(Backend, mean);
        for (var c = 0; c < cols; c++)
        {
            double exact = 0;
            for (var r = 0; r < rows; r++)
            {
                exact += data[(r * cols) + c];
            }
            Assert.True(Close.Equal(exact, sums[c].ToDouble(), 1e-7), $"sum lane {c}: {exact} vs {sums[c].ToDouble()}");
            Assert.True(Close.Equal(exact / rows, means[c].ToDouble(), 1e-7), $"mean lane {c}: {exact / rows} vs {means[c].ToDouble()}");
        }
    }

    [Fact]
    public void NaNAndInfinityPropagateThroughTheLanes()
    {
        double[] data = [1, double.NaN, 2, 3, double.PositiveInfinity, 4];
        var input = Buffers.Upload(Backend, data, 3, 2);
        var sum = Backend.Allocate(DType.Float64, [2]);
        Backend.Reduce(ReductionKind.Sum, Ex.Input(0, DType.Float64), [input], [0], sum);
        var sums = Buffers.Download(Backend, sum);
        Assert.Equal(double.PositiveInfinity, sums[0].ToDouble());
        Assert.True(double.IsNaN(sums[1].ToDouble()));
    }
}
