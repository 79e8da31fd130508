using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace Tessera.Kernels.IlGpu.Gemm;

/// <summary>
/// <see cref="TiledGemmKernel"/> loaded for one accelerator and element type, with its tile edge:
/// the largest power of two whose square fits the accelerator's group size, at most 16
/// (4 on the CPU emulator's 16-thread groups, 16 on GPUs' 1024). Loading compiles once; launches
/// reuse the compiled kernels.
/// </summary>
internal sealed class TiledGemm<T> where T : unmanaged, INumber<T>
{
    private const int MaxEdge = 16;

    private readonly Action<AcceleratorStream, KernelConfig, ArrayView<T>, ArrayView<T>, ArrayView<T>, GemmProblem, T, T> _tiles;
    private readonly Action<AcceleratorStream, Index1D, ArrayView<T>, T, int> _scale;

    public TiledGemm(Accelerator accelerator)
    {
        Edge = EdgeFor(accelerator.MaxNumThreadsPerGroup);
        _tiles = IlGpuRuntime.Compiling(() => accelerator.LoadKernel<ArrayView<T>, ArrayView<T>, ArrayView<T>, GemmProblem, T, T>(TiledGemmKernel.Run));
        _scale = IlGpuRuntime.Compiling(() => accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<T>, T, int>(TiledGemmKernel.Scale));
    }

    /// <summary>The tile edge: groups are Edge×Edge threads.</summary>
    public int Edge { get; }

    /// <summary>The tile edge for groups of at most <paramref name="maxThreadsPerGroup"/> threads.</summary>
    public static int EdgeFor(int maxThreadsPerGroup)
    {
        var edge = 1;
        while (edge * 2 <= MaxEdge && (edge * 2) * (edge * 2) <= maxThreadsPerGroup)
        {
            edge *= 2;
        }
        return edge;
    }

    /// <summary>Queues <c>C = alpha·op(A)·op(B) + beta·C</c> on <paramref name="stream"/>; m, n > 0.</summary>
    public void Launch(AcceleratorStream stream, ArrayView<T> a, ArrayView<T> b, ArrayView<T> c, GemmProblem problem, T alpha, T beta)
    {
        if (problem.K == 0 || alpha == T.Zero)
        {
            _scale(stream, (int)c.Length, c, beta, problem.BetaIsZero);
            return;
        }
        var grid = new Index2D((problem.N + Edge - 1) / Edge, (problem.M + Edge - 1) / Edge);
        var group = new Index2D(Edge, Edge);
        var config = new KernelConfig(grid, group, SharedMemoryConfig.RequestDynamic<T>(2 * Edge * Edge));
        _tiles(stream, config, a, b, c, problem, alpha, beta);
    }
}
