using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Cpu.Reduction;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Tests.Reductions;

/// <summary>
/// The CPU backend with its reductions forced to the vector width <typeparamref name="TW"/>, so
/// an AVX-512 host also tests the AVX2 and 128-bit loops (a width the host lacks runs emulated:
/// slower, same results). Everything but the reductions is the CPU backend itself.
/// </summary>
internal sealed class WidthBackend<TW> : IComputeBackend
    where TW : IVectorWidth
{
    public static readonly WidthBackend<TW> Instance = new();

    private static CpuBackend Cpu => CpuBackend.Instance;

    public Device Device => Cpu.Device;

    public IDeviceBuffer Allocate(DType dtype, ReadOnlySpan<int> shape) => Cpu.Allocate(dtype, shape);

    public void Free(IDeviceBuffer buffer) => Cpu.Free(buffer);

    public void CopyFromHost<T>(ReadOnlySpan<T> source, IDeviceBuffer destination) where T : unmanaged => Cpu.CopyFromHost(source, destination);

    public void CopyToHost<T>(IDeviceBuffer source, Span<T> destination) where T : unmanaged => Cpu.CopyToHost(source, destination);

    public void Elementwise(Expr expression, IReadOnlyList<IDeviceBuffer> inputs, IDeviceBuffer output) => Cpu.Elementwise(expression, inputs, output);

    public void Reduce(ReductionKind kind, Expr prologue, IReadOnlyList<IDeviceBuffer> inputs, ReadOnlySpan<int> axes, IDeviceBuffer output, int ddof = 0) =>
        CpuBackend.Reduce<TW>(kind, prologue, inputs, axes, output, ddof);

    public void ReduceMoments(Expr prologue, IReadOnlyList<IDeviceBuffer> inputs, ReadOnlySpan<int> axes, IDeviceBuffer mean, IDeviceBuffer variance) =>
        Cpu.ReduceMoments<TW>(prologue, inputs, axes, mean, variance);

    public void Gemm(bool transposeA, bool transposeB, double alpha, IDeviceBuffer a, IDeviceBuffer b, double beta, IDeviceBuffer c) =>
        Cpu.Gemm(transposeA, transposeB, alpha, a, b, beta, c);

    public void Synchronize() => Cpu.Synchronize();
}

/// <summary>Every reduction, type and axis set at 512 bits.</summary>
public sealed class Width512ReductionTests : ReductionTests
{
    internal override IComputeBackend Backend => WidthBackend<Width512>.Instance;
}

/// <summary>Every reduction, type and axis set at 256 bits (the AVX2 loops, also on AVX-512 hosts).</summary>
public sealed class Width256ReductionTests : ReductionTests
{
    internal override IComputeBackend Backend => WidthBackend<Width256>.Instance;
}

/// <summary>Every reduction, type and axis set at 128 bits (the SSE and NEON loops).</summary>
public sealed class Width128ReductionTests : ReductionTests
{
    internal override IComputeBackend Backend => WidthBackend<Width128>.Instance;
}
