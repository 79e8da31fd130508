using Tessera.Kernels.Expressions;
using Tessera.Kernels.IlGpu;
using Tessera.Kernels.IlGpu.Expressions;
using Tessera.Kernels.Tests.Elementwise;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.IlGpu;

/// <summary>The lowering's leaf choice, the kernel cache, high-rank layouts, 0-d and empty outputs.</summary>
public sealed class IlGpuLoweringTests : ElementwiseTestBase
{
    private static IlGpuBackend Gpu => IlGpuBackend.For(Device.IlGpuCpu);

    internal override Tessera.Kernels.Backends.IComputeBackend Backend => Gpu;

    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 3, 4 }, "dense")]
    [InlineData(new[] { 1, 4 }, new[] { 1, 4 }, "dense")]
    [InlineData(new[] { 1 }, new[] { 3, 4 }, "scalar")]
    [InlineData(new int[0], new[] { 3, 4 }, "scalar")]
    [InlineData(new[] { 3, 1 }, new[] { 3, 4 }, "strided")]
    [InlineData(new[] { 2, 1, 2, 1, 2, 1, 2, 1 }, new[] { 2, 2, 2, 2, 2, 2, 2, 2 }, "gather")]
    public void Build_PicksTheLeafForTheLayout(int[] input, int[] iteration, string kind)
    {
        var buffer = (IlGpuBuffer)Gpu.Allocate(DType.Float32, input);
        using var lowered = DeviceExprs.Build(Ex.Input(0, DType.Float32), [buffer], iteration);
        Assert.Equal($"in0:f32:{kind}", lowered.CacheKey);
        Assert.Equal(typeof(float), lowered.ElementType);
    }

    [Fact]
    public void Build_SameShapeOtherConstants_SameStructType()
    {
        var buffer = (IlGpuBuffer)Gpu.Allocate(DType.Float64, [5]);
        var x = Ex.Input(0, DType.Float64);
        using var a = DeviceExprs.Build(x * 2.0, [buffer], [5]);
        using var b = DeviceExprs.Build(x * 3.0, [buffer], [5]);
        using var c = DeviceExprs.Build(x + 3.0, [buffer], [5]);
        Assert.Equal(a.StructType, b.StructType);
        Assert.Equal(a.CacheKey, b.CacheKey);
        Assert.NotEqual(a.StructType, c.StructType);
    }

    [Fact]
    public void Elementwise_SecondCallOfTheSameShape_HitsTheKernelCache()
    {
        var x = Ex.Input(0, DType.Int64);
        // An expression no other test builds, so its first call compiles here.
        var e = Ex.Maximum(Ex.FloorDivide(x, 7L), x - 11L) * 13L;
        var input = (IlGpuBuffer)Buffers.Upload(Gpu, new long[] { 1, -20, 300 }, 3);
        var output = Gpu.Allocate(DType.Int64, [3]);
        Gpu.Elementwise(e, [input], output);
        using var lowered = DeviceExprs.Build(e, [input], [3]);
        var compiles = 0;
        var before = Gpu.Kernels.Compilations;
        // Cached: the compile function is not called for a key already compiled.
        Gpu.Kernels.GetOrCompile<ElementwiseKernel>(lowered.StructType, _ =>
        {
            compiles++;
            throw new InvalidOperationException("compiled twice");
        });
        Gpu.Elementwise(Ex.Maximum(Ex.FloorDivide(x, 5L), x - 2L) * 3L, [input], output);
        Assert.Equal(0, compiles);
        Assert.Equal([0L, -4 * 3, 298 * 3], Buffers.Download(Gpu, output).Select(s => s.As<long>()));
        Assert.True(Gpu.Kernels.Compilations >= before);
    }

    [Fact]
    public void KernelCache_CompilesEachKeyOnce_AndCountsCompilations()
    {
        var cache = new IlGpuKernelCache(Gpu.Accelerator);
        var calls = 0;
        string Compile(ILGPU.Runtime.Accelerator _) => $"kernel {Interlocked.Increment(ref calls)}";
        var first = cache.GetOrCompile(typeof(int), Compile);
        var again = Enumerable.Range(0, 8).AsParallel().Select(_ => cache.GetOrCompile(typeof(int), Compile)).ToArray();
        var other = cache.GetOrCompile(typeof(long), Compile);
        Assert.All(again, k => Assert.Same(first, k));
        Assert.NotSame(first, other);
        Assert.Equal(2, calls);
        Assert.Equal(2, cache.Compilations);
    }

    [Fact]
    public void KernelCache_FailedCompilation_IsNotCached()
    {
        var cache = new IlGpuKernelCache(Gpu.Accelerator);
        Assert.Throws<InvalidOperationException>(() => cache.GetOrCompile<string>(typeof(int), _ => throw new InvalidOperationException("bad")));
        Assert.Equal("ok", cache.GetOrCompile(typeof(int), _ => "ok"));
    }

    [Fact]
    public void Elementwise_LayoutsBeyondTheFixedFields_MatchReference()
    {
        // Seven and eight merged axes: the strided leaf's six fields, then the gather leaf.
        int[] left = [2, 1, 2, 1, 2, 1, 2, 1];
        int[] right = [1, 2, 1, 2, 1, 2, 1, 2];
        int[] output = [2, 2, 2, 2, 2, 2, 2, 2];
        var a = TestData.Create(DType.Float64, 16, seed: 1);
        var b = TestData.Create(DType.Int32, 16, seed: 2);
        var e = Ex.Input(0, DType.Float64) * Ex.Input(1, DType.Int32);
        AssertMatchesReference(e, [a, b], [left, right], output, "eight alternating axes");
        int[] six = [3, 1, 2, 1, 2, 1];
        AssertMatchesReference(e, [TestData.Create(DType.Float64, 12, seed: 3), ((int[])b)[..4]], [six, [2, 1, 2]], [3, 4, 2, 2, 2, 2], "six axes");
    }

    [Fact]
    public void Elementwise_ZeroDimensionalAndEmpty_Work()
    {
        AssertMatchesReference(Ex.Sqrt(Ex.Input(0, DType.Float32)), [new float[] { 2f }], [[]], [], "0-d");
        AssertMatchesReference(Ex.Input(0, DType.Int32) + 1L, [new int[0]], [[0, 3]], [2, 0, 3], "empty");
    }
}
