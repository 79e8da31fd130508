using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Tests.Reductions;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Cuda;

/// <summary>Generated reductions (rows, groups with warp shuffles, split groups) on the GPU against the CPU backend.</summary>
public class CudaReductionTests
{
    // Small shapes take the rows plan; [3, 70_001] and [2_000_003] take groups and split groups.
    private static readonly int[][] Shapes = [[7], [5, 3], [3, 4, 5], [2, 3, 4, 5], [3, 1100], [5, 1, 701], [3, 70_001]];

    public static TheoryData<string, DType> KindsAndTypes() => ReductionTests.KindsAndTypes();

    [CudaTheory]
    [MemberData(nameof(KindsAndTypes))]
    public void Reduce_OverEveryAxisCombination_MatchesCpuBackend(string kindName, DType dtype)
    {
        var kind = Enum.Parse<ReductionKind>(kindName);
        var ddof = kindName.Contains("Var", StringComparison.Ordinal) || kindName.Contains("Std", StringComparison.Ordinal) ? 1 : 0;
        foreach (var shape in Shapes)
        {
            var data = TestData.Create(dtype, shape.Aggregate(1, (p, d) => p * d), seed: shape.Length);
            for (var mask = 0; mask < 1 << shape.Length; mask++)
            {
                var axes = Enumerable.Range(0, shape.Length).Where(k => (mask & (1 << k)) != 0).ToArray();
                AssertMatchesCpu(kind, Ex.Input(0, dtype), [data], [shape], axes, ddof);
            }
        }
    }

    [CudaTheory]
    [InlineData("Sum")]
    [InlineData("Mean")]
    [InlineData("Var")]
    [InlineData("Max")]
    [InlineData("ArgMin")]
    public void Reduce_LongVector_SplitAcrossManyBlocks_MatchesCpuBackend(string kindName)
    {
        const int n = 2_000_003;
        var x = TestData.Create(DType.Float32, n, seed: 11, specials: false);
        AssertMatchesCpu(Enum.Parse<ReductionKind>(kindName), Ex.Input(0, DType.Float32) * 2.0, [x], [[n]], [0], 0);
    }

    [CudaFact]
    public void SumOfSquaredDifferences_WithBroadcastPrologue_MatchesCpuBackend()
    {
        var x = TestData.Create(DType.Float64, 3 * 1000, seed: 1, specials: false);
        var y = TestData.Create(DType.Float64, 1000, seed: 2, specials: false);
        var e = Ex.Pow(Ex.Input(0, DType.Float64) - Ex.Input(1, DType.Float64), 2.0);
        AssertMatchesCpu(ReductionKind.Sum, e, [x, y], [[3, 1000], [1000]], [1], 0);
        AssertMatchesCpu(ReductionKind.Std, e, [x, y], [[3, 1000], [1000]], [0], 0);
    }

    /// <summary>
    /// 10^8 float32 values (x_i + y_j over a 10^4 x 10^4 broadcast, never materialised): a float32
    /// accumulator would stall at 2^24; the generated kernel accumulates in double like the CPU.
    /// </summary>
    [CudaFact]
    public void Sum_OfHundredMillionFloat32_MatchesFloat64Reference()
    {
        const int n = 10_000;
        var x = new float[n];
        var y = new float[n];
        var random = new Random(42);
        for (var i = 0; i < n; i++)
        {
            x[i] = (float)random.NextDouble();
            y[i] = (float)(random.NextDouble() * 0.001);
        }
        double expected = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                expected += x[i] + y[j];
            }
        }
        var backend = CudaGpu.Interface;
        var output = backend.Allocate(DType.Float32, []);
        var e = Ex.Input(0, DType.Float32) + Ex.Input(1, DType.Float32);
        backend.Reduce(ReductionKind.Sum, e, [Buffers.Upload(backend, x, n, 1), Buffers.Upload(backend, y, 1, n)], [0, 1], output);
        var actual = Buffers.Download(backend, output)[0].ToDouble();
        Assert.True(Math.Abs(actual - expected) <= 1e-6 * expected, $"expected {expected}, got {actual}");
    }

    [CudaFact]
    public void NanArgMax_OfAllNaNSlice_ThrowsLikeTheCpu()
    {
        var backend = CudaGpu.Interface;
        var input = Buffers.Upload(backend, new[] { double.NaN, double.NaN, 1, 2 }, 2, 2);
        var output = backend.Allocate(DType.Int64, [2]);
        var error = Assert.Throws<ArgumentException>(() => backend.Reduce(ReductionKind.NanArgMax, Ex.Input(0, DType.Float64), [input], [1], output));
        Assert.Contains("All-NaN", error.Message);
    }

    [CudaFact]
    public void Sum_RunTwice_GivesIdenticalBits()
    {
        // No atomics: the combination order is fixed by the plan, so repeated runs agree exactly.
        var backend = CudaGpu.Interface;
        var x = TestData.Create(DType.Float32, 5_000_011, seed: 3, specials: false);
        var input = Buffers.Upload(backend, x, x.Length);
        var output = backend.Allocate(DType.Float32, []);
        backend.Reduce(ReductionKind.Sum, Ex.Input(0, DType.Float32), [input], [0], output);
        var first = Buffers.Download(backend, output)[0];
        backend.Reduce(ReductionKind.Sum, Ex.Input(0, DType.Float32), [input], [0], output);
        Assert.Equal(first, Buffers.Download(backend, output)[0]);
    }

    private static void AssertMatchesCpu(ReductionKind kind, Expr prologue, Array[] data, int[][] shapes, int[] axes, int ddof)
    {
        var shape = Tessera.Kernels.Cpu.Shapes.Broadcast(shapes);
        var what = $"{kind}<{prologue.DType}> of [{string.Join(",", shape)}] over [{string.Join(",", axes)}]";
        var outputShape = shape.Where((_, k) => !axes.Contains(k)).ToArray();
        var resultType = ReductionTypes.ResultType(kind, prologue.DType);
        var (expected, cpuError) = Run(CpuBackend.Instance, kind, prologue, data, shapes, axes, outputShape, resultType, ddof);
        var (actual, cudaError) = Run(CudaGpu.Interface, kind, prologue, data, shapes, axes, outputShape, resultType, ddof);
        if (cpuError is not null)
        {
            Assert.True(cudaError is not null && cudaError.GetType() == cpuError.GetType(), $"{what}: CPU threw {cpuError.Message}; CUDA gave {cudaError?.Message ?? "a result"}");
            return;
        }
        Assert.True(cudaError is null, $"{what}: CUDA threw {cudaError}");
        Assert.Equal(expected!.Length, actual!.Length);
        // Both accumulate float32 in double, but in different orders: tolerances are a few ulps of the result type.
        var relative = resultType == DType.Float32 ? 2e-6 : 1e-11;
        for (var i = 0; i < expected.Length; i++)
        {
            var ok = resultType.IsFloatingPoint()
                ? Close.Equal(expected[i].ToDouble(), actual[i].ToDouble(), relative, absolute: relative * 10)
                : expected[i] == actual[i];
            Assert.True(ok, $"{what}: output {i}: CPU {expected[i]}, CUDA {actual[i]}");
        }
    }

    private static (Scalar[]? Values, Exception? Error) Run(IComputeBackend backend, ReductionKind kind, Expr prologue, Array[] data,
        int[][] shapes, int[] axes, int[] outputShape, DType resultType, int ddof)
    {
        var inputs = data.Select((d, k) => Buffers.Upload(backend, d, shapes[k])).ToArray();
        var output = backend.Allocate(resultType, outputShape);
        try
        {
            backend.Reduce(kind, prologue, inputs, axes, output, ddof);
            return (Buffers.Download(backend, output), null);
        }
        catch (ArgumentException e)
        {
            return (null, e);
        }
        finally
        {
            foreach (var b in inputs)
            {
                backend.Free(b);
            }
            backend.Free(output);
        }
    }
}
