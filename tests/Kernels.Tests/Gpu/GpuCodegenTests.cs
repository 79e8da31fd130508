using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Gpu;

namespace Tessera.Kernels.Tests.Gpu;

/// <summary>The generator's text in both dialects (CUDA is compiled elsewhere; here we check what it must contain) and the layouts.</summary>
public sealed class GpuCodegenTests
{
    private static readonly GpuCodegenOptions Cuda = new(GpuDialect.Cuda);
    private static readonly GpuCodegenOptions OpenCl = new(GpuDialect.OpenCL);

    [Fact]
    public void Elementwise_CudaDialect_IsExternCGridStrideWithCudaTypes()
    {
        var x = Ex.Input(0, DType.Int64);
        var e = Ex.FloorDivide(x, 3L) + Ex.Cast(Ex.Input(1, DType.Bool), DType.Int64);
        var source = ElementwiseKernel.Generate(e, Cuda).Source;
        Assert.Contains("extern \"C\" __global__ void tsr_elementwise(", source);
        Assert.Contains("blockIdx.x", source);
        Assert.Contains("gridDim.x", source);
        Assert.Contains("long long tsr_floordiv(long long a, long long b)", source);
        Assert.Contains("const unsigned char* __restrict__ in1", source);
        Assert.DoesNotContain("__kernel", source);
        Assert.DoesNotContain("__global ", source);
        Assert.DoesNotContain("get_global_id", source);
    }

    [Fact]
    public void Reduction_CudaDialect_UsesSharedMemoryAndWarpShufflesWithoutAtomics()
    {
        var (kind, prologue) = ReductionPlan.Normalize(ReductionKind.Var, Ex.Input(0, DType.Float32) * 2.0);
        var source = ReductionKernel.Generate(kind, prologue, Cuda);
        Assert.Contains("extern \"C\" __global__ void tsr_reduce(", source.Source);
        Assert.Contains("__shared__ tsr_acc scratch[256];", source.Source);
        Assert.Contains("__shfl_down_sync(0xffffffffu, a.m2, w)", source.Source);
        Assert.Contains("__syncthreads();", source.Source);
        Assert.DoesNotContain("atomic", source.Source, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(24, source.AccumulatorBytes);
    }

    [Fact]
    public void Reduction_OpenClDialect_UsesLocalMemoryTreeWithoutAtomics()
    {
        var source = ReductionKernel.Generate(ReductionKind.ArgMax, Ex.Input(0, DType.Float64), OpenCl).Source;
        Assert.Contains("__kernel void tsr_reduce(", source);
        Assert.Contains("__local tsr_acc scratch[256];", source);
        Assert.Contains("barrier(CLK_LOCAL_MEM_FENCE);", source);
        Assert.Contains("#pragma OPENCL EXTENSION cl_khr_fp64 : enable", source);
        Assert.DoesNotContain("atomic", source, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("__shfl", source);
    }

    [Fact]
    public void ConstantsAreParameters_SoStructureAndSourceIgnoreTheirValues()
    {
        var x = Ex.Input(0, DType.Float32);
        var a = ElementwiseKernel.Generate(x * 2.0 + 1.0, OpenCl);
        var b = ElementwiseKernel.Generate(x * 3.0 + 7.0, OpenCl);
        Assert.Equal(a.Structure, b.Structure);
        Assert.Equal(a.Source, b.Source);
        Assert.Equal(2, a.Constants.Count);
        Assert.Contains("float k0, float k1", a.Source);
        Assert.NotEqual(a.Structure, ElementwiseKernel.Generate(x * 2.0 - 1.0, OpenCl).Structure);
        Assert.NotEqual(a.Structure, ElementwiseKernel.Generate(x * 2.0 + 1.0, Cuda).Structure);
    }

    [Fact]
    public void Float32OnlyElementwise_NeedsNoDoubles()
    {
        var source = ElementwiseKernel.Generate(Ex.FloorDivide(Ex.Input(0, DType.Float32), 2.0), OpenCl);
        Assert.False(source.UsesDouble);
        Assert.DoesNotContain("double", source.Source);
    }

    [Fact]
    public void ElementwiseLayout_MergesContiguousAxes_AndZeroesBroadcastStrides()
    {
        // [3, 4, 5] + [5]: axes 0 and 1 merge for both inputs; axis 2 cannot join them (the
        // second input restarts every 5 elements).
        Assert.Equal([2, 12, 5, 5, 1, 0, 1], GpuLayout.Elementwise([3, 4, 5], [[3, 4, 5], [5]]));
        Assert.Equal([1, 60, 1, 1], GpuLayout.Elementwise([3, 4, 5], [[3, 4, 5], [3, 4, 5]]));
        Assert.Equal([1, 1, 0], GpuLayout.Elementwise([], [[]]));
        Assert.Throws<ArgumentException>(() => GpuLayout.Elementwise([3, 5], [[3, 4]]));
    }

    [Fact]
    public void ReductionLayout_SeparatesKeptAndReducedAxes()
    {
        // [2, 3, 4] over axis 1: kept [2, 4] (strides 12, 1), reduced [3] (stride 4).
        Assert.Equal([2, 1, 2, 4, 3, 12, 1, 4], GpuLayout.Reduction([2, 3, 4], new HashSet<int> { 1 }, [[2, 3, 4]]));
        // Over axes 0 and 2 with a broadcast second input of shape [3, 1].
        Assert.Equal([1, 2, 3, 2, 4, 4, 12, 1, 1, 0, 0], GpuLayout.Reduction([2, 3, 4], new HashSet<int> { 0, 2 }, [[2, 3, 4], [3, 1]]));
    }

    [Theory]
    [InlineData(10, 10_000_000, false, 64)]
    [InlineData(1000, 3, false, 1)]
    [InlineData(5000, 1000, true, 1)]
    public void Plan_DependsOnlyOnShapeAndDevice(long outputs, long reduced, bool innermostKept, long expectedSplits)
    {
        var plan = ReductionPlan.Choose(outputs, reduced, innermostKept, 256, 640);
        Assert.Equal(expectedSplits, plan.Splits);
        Assert.Equal(plan, ReductionPlan.Choose(outputs, reduced, innermostKept, 256, 640));
        Assert.Equal(reduced <= ReductionPlan.RowsMaxReduced || innermostKept, plan.UseRows);
    }

    [Fact]
    public void BadGroupSize_IsRejectedWithTheValidRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ReductionKernel.Generate(ReductionKind.Sum, Ex.Input(0, DType.Float64), new GpuCodegenOptions(GpuDialect.OpenCL, GroupSize: 100)));
        Assert.Contains("power of two from 64 to 1024", error.Message);
    }
}
