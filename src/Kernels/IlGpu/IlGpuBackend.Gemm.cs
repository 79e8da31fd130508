using Tessera.Kernels.Backends;

namespace Tessera.Kernels.IlGpu;

internal sealed partial class IlGpuBackend
{
    public void Gemm(bool transposeA, bool transposeB, double alpha, IDeviceBuffer a, IDeviceBuffer b,
        double beta, IDeviceBuffer c) =>
        throw new NotSupportedException("ILGPU GEMM: being written.");
}
