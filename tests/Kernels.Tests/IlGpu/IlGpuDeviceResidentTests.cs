using Tessera.Kernels.Backends;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.IlGpu;

/// <summary>
/// ILGPU buffers as the device tier moves them (<see cref="DeviceResidentChecks"/>), on ILGPU's CPU
/// accelerator: the same IlGpuBuffer and copies the CUDA and OpenCL accelerators use.
/// </summary>
public class IlGpuDeviceResidentTests
{
    private static IComputeBackend Backend => ComputeBackends.For(Device.IlGpuCpu);

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    [InlineData(DType.Bool)]
    public void CopyToHostThenBack_AfterTheOriginalIsFreed_KeepsEveryValue(DType dtype) =>
        DeviceResidentChecks.CopyToHostThenBack_AfterTheOriginalIsFreed_KeepsEveryValue(Backend, dtype);

    [Fact]
    public void CopyToDevice_NotAHostBuffer_ThrowsSayingWhatToPass() =>
        DeviceResidentChecks.CopyToDevice_NotAHostBuffer_ThrowsSayingWhatToPass(Backend);
}
