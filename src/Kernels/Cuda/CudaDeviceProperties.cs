using System.Text;
using Tessera.Kernels.Cuda.Native;

namespace Tessera.Kernels.Cuda;

/// <summary>What the driver reports about one CUDA device.</summary>
/// <param name="Ordinal">The CUDA device number.</param>
/// <param name="Name">The product name, e.g. "NVIDIA H100 80GB HBM3".</param>
/// <param name="TotalMemoryBytes">Device memory in bytes.</param>
/// <param name="ComputeCapability">Major and minor, e.g. (9, 0) for Hopper.</param>
/// <param name="MultiprocessorCount">Streaming multiprocessors, for sizing grids.</param>
internal sealed record CudaDeviceProperties(int Ordinal, string Name, long TotalMemoryBytes, (int Major, int Minor) ComputeCapability, int MultiprocessorCount)
{
    private const int AttributeMultiprocessorCount = 16;
    private const int AttributeComputeCapabilityMajor = 75;
    private const int AttributeComputeCapabilityMinor = 76;

    /// <summary>The number of CUDA devices; 0 when the driver is absent or sees none.</summary>
    public static int Count()
    {
        if (!CudaDriver.IsAvailable)
        {
            return 0;
        }
        int count;
        unsafe
        {
            return CudaDriver.Api.DeviceGetCount(&count) == CuResult.Success ? count : 0;
        }
    }

    /// <summary>Reads the properties of device <paramref name="ordinal"/>.</summary>
    public static unsafe CudaDeviceProperties Read(int ordinal)
    {
        var api = CudaDriver.Api;
        int device;
        CudaException.ThrowIfFailed(api.DeviceGet(&device, ordinal));
        var name = stackalloc byte[256];
        CudaException.ThrowIfFailed(api.DeviceGetName(name, 256, device));
        nuint total;
        CudaException.ThrowIfFailed(api.DeviceTotalMem(&total, device));
        int major, minor, sms;
        CudaException.ThrowIfFailed(api.DeviceGetAttribute(&major, AttributeComputeCapabilityMajor, device));
        CudaException.ThrowIfFailed(api.DeviceGetAttribute(&minor, AttributeComputeCapabilityMinor, device));
        CudaException.ThrowIfFailed(api.DeviceGetAttribute(&sms, AttributeMultiprocessorCount, device));
        var length = 0;
        while (length < 256 && name[length] != 0)
        {
            length++;
        }
        return new(ordinal, Encoding.UTF8.GetString(name, length), (long)total, (major, minor), sms);
    }
}
