using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Cuda;

/// <summary>CUDA buffers as the device tier moves them (<see cref="DeviceResidentChecks"/>); skipped without a GPU.</summary>
public class CudaDeviceResidentTests
{
    [CudaTheory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    [InlineData(DType.Int64)]
    [InlineData(DType.Bool)]
    public void CopyToHostThenBack_AfterTheOriginalIsFreed_KeepsEveryValue(DType dtype) =>
        DeviceResidentChecks.CopyToHostThenBack_AfterTheOriginalIsFreed_KeepsEveryValue(CudaGpu.Interface, dtype);

    [CudaFact]
    public void CopyToDevice_NotAHostBuffer_ThrowsSayingWhatToPass() =>
        DeviceResidentChecks.CopyToDevice_NotAHostBuffer_ThrowsSayingWhatToPass(CudaGpu.Interface);
}
