using Tessera.Kernels.Backends;
using Tessera.Kernels.IlGpu;
using Tessera.Kernels.Tests.Backends;
using Tessera.Kernels.Tests.Elementwise;
using Tessera.Kernels.Tests.Parity;

namespace Tessera.Kernels.Tests.IlGpu;

// The elementwise feature classes on ILGPU's CPU accelerator, with the CPU classes' assertions.
// The accelerator runs the kernels' .NET code on emulated warps, so its libm is .NET's: no
// tolerance slack is needed (a GPU's libm would need the OpenCL classes' CancellationSlack).

public sealed class IlGpuBackendTests : BackendTests
{
    internal override IComputeBackend Backend => IlGpuBackend.For(Device.IlGpuCpu);
}

public sealed class IlGpuBroadcastTests : BroadcastTests
{
    internal override IComputeBackend Backend => IlGpuBackend.For(Device.IlGpuCpu);
}

public sealed class IlGpuOpTests : OpTests
{
    internal override IComputeBackend Backend => IlGpuBackend.For(Device.IlGpuCpu);
}

public sealed class IlGpuNumPyParityTests : NumPyParityTests
{
    internal override IComputeBackend Backend => IlGpuBackend.For(Device.IlGpuCpu);
}
