using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;
using Tessera.Kernels.Tests.Elementwise;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Cuda;

/// <summary>
/// Generated elementwise kernels on the GPU against the scalar reference and the CPU backend. (The
/// shared feature classes use plain [Fact]s, which cannot skip on a machine without a GPU, so the
/// CUDA versions live here with [CudaTheory] and reuse their data and harness.)
/// </summary>
public class CudaElementwiseTests : ElementwiseTestBase
{
    // 1 and 7: partial warps; 733 and 4099: odd tails; 1_000_003: many blocks and the grid-stride loop.
    private static readonly int[] Lengths = [1, 7, 733, 4099, 1_000_003];

    internal override IComputeBackend Backend => CudaGpu.Interface;

    public static TheoryData<string, DType> OpsAndTypes() => OpTests.OpsAndTypes();

    public static TheoryData<int[], int[], int[]> Shapes() => BroadcastTests.Shapes();

    [CudaTheory]
    [MemberData(nameof(OpsAndTypes))]
    public void Op_AtEveryLength_MatchesScalarReference(string opName, DType dtype)
    {
        var op = OpTable.All.Single(o => o.Name == opName);
        foreach (var n in Lengths)
        {
            var a = TestData.Create(dtype, n, seed: n + 1);
            if (op.Arity == 1)
            {
                AssertMatchesReference(Ex.Unary(op, Ex.Input(0, dtype)), [a], [[n]], [n], $"cuda {opName}<{dtype}>[{n}]");
            }
            else
            {
                var b = TestData.Create(dtype, n, seed: n + 1000);
                AssertMatchesReference(Ex.Binary(op, Ex.Input(0, dtype), Ex.Input(1, dtype)), [a, b], [[n], [n]], [n], $"cuda {opName}<{dtype}>[{n}]");
            }
        }
    }

    [CudaTheory]
    [MemberData(nameof(Shapes))]
    public void FusedTreeWithBroadcast_MatchesReference(int[] left, int[] right, int[] output)
    {
        var a = TestData.Create(DType.Float32, Count(left), seed: 5);
        var b = TestData.Create(DType.Int32, Count(right), seed: 6);
        var x = Ex.Input(0, DType.Float32);
        var y = Ex.Input(1, DType.Int32);
        var e = Ex.Where(Ex.Greater(x, 0.5), Ex.Sin(x) * 3.0, Ex.Cast(y, DType.Float32) - x);
        AssertMatchesReference(e, [a, b], [left, right], output, "cuda fused broadcast");
    }

    [CudaFact]
    public void LargeFusedChain_EqualsTheCpuBackend()
    {
        const int n = (1 << 22) + 3;
        var x = TestData.Create(DType.Float64, n, seed: 9, specials: false);
        var y = TestData.Create(DType.Float64, n, seed: 10, specials: false);
        var e = (Ex.Input(0, DType.Float64) * 2.0) + (Ex.Input(1, DType.Float64) * Ex.Input(1, DType.Float64)) - 1.0;
        var expected = Evaluate(CpuBackend.Instance, e, x, y, n);
        var actual = Evaluate(Backend, e, x, y, n);
        for (var i = 0; i < n; i++)
        {
            // Contraction into fused multiply-adds is off (--fmad=false), so the bits agree.
            Assert.True(expected[i].Equals(actual[i]), $"element {i}: CPU {expected[i]}, CUDA {actual[i]}");
        }
    }

    [CudaFact]
    public void ChunksFromManyThreads_UploadComputeDownload_MatchTheCpu()
    {
        // The scheduler drives one backend from many threads; pooled blocks are reused between them.
        var e = Ex.Sqrt(Ex.Abs(Ex.Input(0, DType.Float64))) * 3.0;
        Parallel.For(0, 8, t =>
        {
            for (var round = 0; round < 10; round++)
            {
                var n = 100_000 + (t * 1000) + round;
                var x = TestData.Create(DType.Float64, n, seed: (t * 100) + round, specials: false);
                var expected = Evaluate(CpuBackend.Instance, e, x, x, n);
                var actual = Evaluate(Backend, e, x, x, n);
                Assert.Equal(expected, actual);
            }
        });
    }

    private static Scalar[] Evaluate(IComputeBackend backend, Expr e, Array x, Array y, int n)
    {
        var bx = Buffers.Upload(backend, x, n);
        var by = Buffers.Upload(backend, y, n);
        var output = backend.Allocate(e.DType, [n]);
        backend.Elementwise(e, [bx, by], output);
        var result = Buffers.Download(backend, output);
        backend.Free(bx);
        backend.Free(by);
        backend.Free(output);
        return result;
    }

    private static int Count(int[] shape) => shape.Aggregate(1, (p, d) => p * d);
}
