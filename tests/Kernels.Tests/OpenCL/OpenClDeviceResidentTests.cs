using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.OpenCL;

/// <summary>OpenCL buffers as the device tier moves them (<see cref="DeviceResidentChecks"/>).</summary>
public class OpenClDeviceResidentTests
{
    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    [InlineData(DType.Int64)]
    [InlineData(DType.Bool)]
    public void CopyToHostThenBack_AfterTheOriginalIsFreed_KeepsEveryValue(DType dtype) =>
        DeviceResidentChecks.CopyToHostThenBack_AfterTheOriginalIsFreed_KeepsEveryValue(OpenClTestDevice.Backend, dtype);

    [Fact]
    public void CopyToDevice_NotAHostBuffer_ThrowsSayingWhatToPass() =>
        DeviceResidentChecks.CopyToDevice_NotAHostBuffer_ThrowsSayingWhatToPass(OpenClTestDevice.Backend);
}
