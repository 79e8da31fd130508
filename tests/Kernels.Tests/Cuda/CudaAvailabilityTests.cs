using Tessera.Kernels.Backends;
using Tessera.Kernels.Cuda;

namespace Tessera.Kernels.Tests.Cuda;

/// <summary>
/// Listing and resolving CUDA devices behaves on every machine: with a GPU the backend is
/// returned; without one the probe is silent and asking for cuda:N explains what is missing.
/// </summary>
public class CudaAvailabilityTests
{
    [Fact]
    public void Available_NeverThrows_AndListsCudaDevicesOnlyWhenTheDriverWorks()
    {
        var devices = Device.Available;
        var cuda = devices.Where(d => d.Kind == DeviceKind.Cuda).ToArray();
        Assert.Equal(CudaGpu.IsPresent, cuda.Length > 0);
        Assert.All(cuda, d => Assert.True(d.IsGpu && d.MemoryBytes > 0 && d.Name.Length > 0, d.ToString()));
        if (cuda.Length > 0)
        {
            Assert.Equal(DeviceKind.Cuda, devices[0].Kind);
        }
    }

    [Fact]
    public void For_Cuda0_GivesTheBackend_OrSaysNoDriverWasFoundAndWhere()
    {
        if (CudaGpu.IsPresent)
        {
            Assert.Equal(Device.Cuda(0), ComputeBackends.For(Device.Cuda(0)).Device);
            return;
        }
        var error = Assert.Throws<NotSupportedException>(() => ComputeBackends.For(Device.Cuda(0)));
        Assert.Contains("cuda:0", error.Message);
        if (!CudaDriver.IsAvailable && CudaDriver.LoadedFrom.Length == 0)
        {
            Assert.Contains("no CUDA driver found (looked for libcuda.so.1, libcuda.so", error.Message);
        }
    }

    [Fact]
    public void For_DeviceBeyondTheCount_SaysHowManyThereAre()
    {
        var error = Assert.Throws<NotSupportedException>(() => ComputeBackends.For(Device.Cuda(999)));
        Assert.Contains("cuda:999", error.Message);
    }

    [Fact]
    public void CudaException_NamesTheCallAndTheStatus()
    {
        var error = Assert.Throws<CudaException>(() => CudaException.ThrowIfFailed(2));
        Assert.Contains("CUDA_ERROR_OUT_OF_MEMORY", error.Message);
        Assert.Contains("2", error.Message);
        Assert.Equal(2, error.Status);
        var blas = Assert.Throws<CudaException>(() => CudaException.ThrowIfBlasFailed(13));
        Assert.Contains("CUBLAS_STATUS_EXECUTION_FAILED", blas.Message);
    }
}
