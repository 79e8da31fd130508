using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Reductions;

/// <summary>
/// The CPU's one-pass ReduceMoments must give what a Mean and a Var reduction give separately
/// (the default every other backend uses), over any axes, with a fused prologue. Runs on the CPU
/// backend as it stands; a device's class derives from it and overrides <see cref="Backend"/>.
/// </summary>
public class ReduceMomentsTests
{
    internal virtual IComputeBackend Backend => CpuBackend.Instance;

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 2 })]
    [InlineData(new[] { 0, 2 })]
    [InlineData(new[] { 0, 1, 2 })]
    public void Float64_OnePass_EqualsMeanThenVar(int[] axes)
    {
        int[] shape = [7, 300, 11];
        var random = new Random(axes.Sum() + axes.Length);
        var data = Enumerable.Range(0, 7 * 300 * 11).Select(_ => 1e3 + (random.NextDouble() * 5)).ToArray();
        var x = Ex.Input(0, DType.Float64);
        AssertMatchesTwoPasses((x * x) - 2.0, Buffers.Upload(Backend, data, shape), shape, axes, DType.Float64, 1e-12);
    }

    [Fact]
    public void Float32_OnePass_EqualsMeanThenVar()
    {
        int[] shape = [40, 1500];
        var random = new Random(3);
        var data = Enumerable.Range(0, 40 * 1500).Select(_ => (float)(random.NextDouble() * 100)).ToArray();
        AssertMatchesTwoPasses(Ex.Input(0, DType.Float32), Buffers.Upload(Backend, data, shape), shape, [1], DType.Float32, 1e-6);
    }

    [Fact]
    public void Float32Values_Float64Moments_EqualTheCastReductions()
    {
        int[] shape = [33, 517];
        var random = new Random(5);
        var data = Enumerable.Range(0, 33 * 517).Select(_ => (float)(1e4 + (random.NextDouble() * 3))).ToArray();
        var input = Buffers.Upload(Backend, data, shape);
        foreach (int[] axes in new[] { new[] { 0 }, [1], [0, 1] })
        {
            int[] outShape = [.. shape.Where((_, d) => !axes.Contains(d))];
            var mean = Backend.Allocate(DType.Float64, outShape);
            var variance = Backend.Allocate(DType.Float64, outShape);
            Backend.ReduceMoments(Ex.Input(0, DType.Float32), [input], axes, mean, variance);
            var wide = Ex.Cast(Ex.Input(0, DType.Float32), DType.Float64);
            var expectedMean = Backend.Allocate(DType.Float64, outShape);
            var expectedVariance = Backend.Allocate(DType.Float64, outShape);
            Backend.Reduce(ReductionKind.Mean, wide, [input], axes, expectedMean);
            Backend.Reduce(ReductionKind.Var, wide, [input], axes, expectedVariance);
            var (m, v) = (Buffers.Download(Backend, mean), Buffers.Download(Backend, variance));
            var (em, ev) = (Buffers.Download(Backend, expectedMean), Buffers.Download(Backend, expectedVariance));
            for (var i = 0; i < m.Length; i++)
            {
                Assert.True(Close.Equal(em[i].ToDouble(), m[i].ToDouble(), 1e-12), $"axes [{string.Join(",", axes)}] mean {i}");
                Assert.True(Close.Equal(ev[i].ToDouble(), v[i].ToDouble(), 1e-9), $"axes [{string.Join(",", axes)}] variance {i}: {ev[i].ToDouble():R} vs {v[i].ToDouble():R}");
            }
        }
    }

    [Fact]
    public void Float64Values_Float32Outputs_NarrowAsMeanAndVarDo()
    {
        var data = Enumerable.Range(0, 60).Select(i => i * 0.25).ToArray();
        var input = Buffers.Upload(Backend, data, 6, 10);
        var mean = Backend.Allocate(DType.Float32, [6]);
        var variance = Backend.Allocate(DType.Float32, [6]);
        Backend.ReduceMoments(Ex.Input(0, DType.Float64), [input], [1], mean, variance);
        var (m, v) = (Buffers.Download(Backend, mean), Buffers.Download(Backend, variance));
        for (var r = 0; r < 6; r++)
        {
            var row = data.Skip(r * 10).Take(10).ToArray();
            Assert.Equal((float)row.Average(), m[r].ToDouble(), 5);
            Assert.Equal((float)row.Select(x => (x - row.Average()) * (x - row.Average())).Average(), v[r].ToDouble(), 5);
        }
    }

    [Fact]
    public void NaN_PropagatesToBothResults()
    {
        double[] data = [1, 2, double.NaN, 4, 5, 6];
        var input = Buffers.Upload(Backend, data, 2, 3);
        var mean = Backend.Allocate(DType.Float64, [2]);
        var variance = Backend.Allocate(DType.Float64, [2]);
        Backend.ReduceMoments(Ex.Input(0, DType.Float64), [input], [1], mean, variance);
        var means = Buffers.Download(Backend, mean);
        var variances = Buffers.Download(Backend, variance);
        Assert.True(double.IsNaN(means[0].ToDouble()) && double.IsNaN(variances[0].ToDouble()));
        Assert.Equal(5.0, means[1].ToDouble(), 12);
        Assert.Equal(2.0 / 3.0, variances[1].ToDouble(), 12);
    }

    [Fact]
    public void WrongOutputShape_IsRefused()
    {
        var input = Buffers.Upload(Backend, new double[6], 2, 3);
        var mean = Backend.Allocate(DType.Float64, [3]);
        var variance = Backend.Allocate(DType.Float64, [2]);
        Assert.ThrowsAny<ArgumentException>(() => Backend.ReduceMoments(Ex.Input(0, DType.Float64), [input], [1], mean, variance));
    }

    private void AssertMatchesTwoPasses(Expr prologue, IDeviceBuffer input, int[] shape, int[] axes, DType dtype, double relative)
    {
        int[] outShape = [.. shape.Where((_, d) => !axes.Contains(d))];
        var mean = Backend.Allocate(dtype, outShape);
        var variance = Backend.Allocate(dtype, outShape);
        Backend.ReduceMoments(prologue, [input], axes, mean, variance);
        var expectedMean = Backend.Allocate(dtype, outShape);
        var expectedVariance = Backend.Allocate(dtype, outShape);
        Backend.Reduce(ReductionKind.Mean, prologue, [input], axes, expectedMean);
        Backend.Reduce(ReductionKind.Var, prologue, [input], axes, expectedVariance);
        var (m, v) = (Buffers.Download(Backend, mean), Buffers.Download(Backend, variance));
        var (em, ev) = (Buffers.Download(Backend, expectedMean), Buffers.Download(Backend, expectedVariance));
        for (var i = 0; i < m.Length; i++)
        {
            Assert.True(Close.Equal(em[i].ToDouble(), m[i].ToDouble(), relative), $"mean {i}: {em[i].ToDouble():R} vs {m[i].ToDouble():R}");
            Assert.True(Close.Equal(ev[i].ToDouble(), v[i].ToDouble(), relative), $"variance {i}: {ev[i].ToDouble():R} vs {v[i].ToDouble():R}");
        }
    }
}
