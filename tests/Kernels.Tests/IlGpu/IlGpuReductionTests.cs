using Tessera.Kernels.Backends;
using Tessera.Kernels.IlGpu;
using Tessera.Kernels.Tests.Reductions;

namespace Tessera.Kernels.Tests.IlGpu;

// The reduction suites on ILGPU's CPU accelerator (the GPU kernels' code, run by the emulator).

public sealed class IlGpuReductionTests : ReductionTests
{
    internal override IComputeBackend Backend => IlGpuBackend.For(Device.IlGpuCpu);
}

public sealed class IlGpuReduceMomentsTests : ReduceMomentsTests
{
    internal override IComputeBackend Backend => IlGpuBackend.For(Device.IlGpuCpu);
}
