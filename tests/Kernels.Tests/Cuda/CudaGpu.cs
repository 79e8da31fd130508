using Tessera.Kernels.Backends;
using Tessera.Kernels.Cuda;

namespace Tessera.Kernels.Tests.Cuda;

/// <summary>Whether this machine has a usable CUDA GPU, and its backend.</summary>
internal static class CudaGpu
{
    private static readonly Lazy<string?> Absent = new(() =>
    {
        if (CudaDriver.Unavailable is { } why)
        {
            return $"no CUDA GPU present (libcuda not found / no device: {why})";
        }
        return CudaDeviceProperties.Count() == 0 ? "no CUDA GPU present (the driver loaded but sees no device)" : null;
    });

    /// <summary>Null when a GPU is present, else the skip reason.</summary>
    public static string? SkipReason => Absent.Value;

    public static bool IsPresent => SkipReason is null;

    /// <summary>Device 0's backend (only call from tests that skip when <see cref="IsPresent"/> is false).</summary>
    public static CudaBackend Backend => CudaBackend.For(0);

    /// <summary>The backend through the interface, as other tests use backends.</summary>
    public static IComputeBackend Interface => ComputeBackends.For(Device.Cuda(0));
}

/// <summary>A fact that runs only on a machine with a CUDA GPU and otherwise skips saying so.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (CudaGpu.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that runs only on a machine with a CUDA GPU and otherwise skips saying so.</summary>
public sealed class CudaTheoryAttribute : TheoryAttribute
{
    public CudaTheoryAttribute()
    {
        if (CudaGpu.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
