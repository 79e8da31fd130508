using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.IlGpu;

internal sealed partial class IlGpuBackend
{
    public void Elementwise(Expr expression, IReadOnlyList<IDeviceBuffer> inputs, IDeviceBuffer output) =>
        throw new NotSupportedException("ILGPU elementwise: being written.");
}
