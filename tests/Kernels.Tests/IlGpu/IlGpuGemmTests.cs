using Tessera.Kernels.Backends;
using Tessera.Kernels.IlGpu;
using Tessera.Kernels.IlGpu.Gemm;
using Tessera.Kernels.Tests.Gemm;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.IlGpu;

/// <summary>The tiled GEMM kernel on ILGPU's CPU accelerator (4×4 tiles: its groups hold 16 threads).</summary>
public sealed class IlGpuGemmTests : BackendGemmTests
{
    // The emulator runs each thread of a group as a CPU thread with real barriers: keep the sizes
    // that cover single elements, partial tiles on every edge and several k steps, without 65×47×129.
    private static readonly (int M, int N, int K)[] EmulatorSizes = [(1, 1, 1), (7, 5, 3), (8, 8, 8), (9, 13, 11), (31, 1, 17)];

    internal override IComputeBackend Backend => IlGpuBackend.For(Device.IlGpuCpu);

    protected override IReadOnlyList<(int M, int N, int K)> Sizes => EmulatorSizes;

    [Fact]
    public void TileEdge_FollowsTheGroupLimit()
    {
        Assert.Equal(4, TiledGemm<float>.EdgeFor(16));
        Assert.Equal(16, TiledGemm<float>.EdgeFor(1024));
        Assert.Equal(8, TiledGemm<float>.EdgeFor(64));
        Assert.Equal(1, TiledGemm<float>.EdgeFor(3));
        var accelerator = IlGpuBackend.For(Device.IlGpuCpu).Accelerator;
        Assert.True(TiledGemm<float>.EdgeFor(accelerator.MaxNumThreadsPerGroup) <= (int)Math.Sqrt(accelerator.MaxNumThreadsPerGroup));
    }

    [Theory]
    [InlineData(0, 3, 4)]
    [InlineData(3, 0, 4)]
    [InlineData(3, 4, 0)]
    public void Gemm_EmptyDimensions_FollowBlas(int m, int n, int k)
    {
        // k = 0: C = beta·C (the empty product adds nothing); m or n = 0: nothing to do.
        var c = Enumerable.Range(1, m * n).Select(v => (double)v).ToArray();
        var actual = Run(Backend, m, n, k, c);
        Assert.Equal(c.Select(v => -1.5 * v), actual);
        Assert.Equal(actual, Run(Tessera.Kernels.Cpu.CpuBackend.Instance, m, n, k, c));
    }

    [Fact]
    public void Gemm_MismatchedShapes_FailsAsTheCpuBackend()
    {
        var a = Buffers.Upload(Backend, new float[6], 2, 3);
        var b = Buffers.Upload(Backend, new float[6], 2, 3);
        var c = Buffers.Upload(Backend, new float[4], 2, 2);
        var error = Assert.Throws<ArgumentException>(() => Backend.Gemm(false, false, 1, a, b, 0, c));
        Assert.Contains("GEMM shapes do not agree", error.Message);
    }

    private static double[] Run(IComputeBackend backend, int m, int n, int k, double[] c)
    {
        var a = Buffers.Upload(backend, Enumerable.Range(0, m * k).Select(v => 0.5 * v).ToArray(), m, k);
        var b = Buffers.Upload(backend, Enumerable.Range(0, k * n).Select(v => 1.0 - v).ToArray(), k, n);
        var bc = Buffers.Upload(backend, c, m, n);
        backend.Gemm(false, false, 2.0, a, b, -1.5, bc);
        return [.. Buffers.Download(backend, bc).Select(s => s.ToDouble())];
    }
}
