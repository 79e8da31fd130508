using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.IlGpu;

internal sealed partial class IlGpuBackend
{
    public void Reduce(ReductionKind kind, Expr prologue, IReadOnlyList<IDeviceBuffer> inputs,
        ReadOnlySpan<int> axes, IDeviceBuffer output, int ddof = 0) =>
        throw new NotSupportedException("ILGPU reductions: being written.");
}
