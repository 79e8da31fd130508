using Tessera.Kernels.Backends;
using Tessera.Kernels.IlGpu;

namespace Tessera.Kernels.Tests.Cuda;

/// <summary>Whether this machine has a CUDA GPU ILGPU can use, and its backend (ILGPU's CUDA accelerator).</summary>
internal static class CudaGpu
{
    private static readonly Lazy<string?> Absent = new(() =>
    {
        // Skip attributes run before anything else has loaded Tessera.Kernels, whose module
        // initializer registers the probe; register here so the listing is complete.
        KernelBackends.Register();
        var devices = Device.Available;
        if (devices.Any(d => d.Device == Device.Cuda(0)))
        {
            return null;
        }
        var why = devices.Absent.Where(a => a.Backend.StartsWith("CUDA", StringComparison.Ordinal) || a.Backend == "ILGPU").ToArray();
        return $"no CUDA GPU present ({(why.Length > 0 ? string.Join("; ", why) : "the ILGPU probe recorded no reason")})";
    });

    /// <summary>Null when a GPU is present, else the skip reason (the probe's recorded absence).</summary>
    public static string? SkipReason => Absent.Value;

    public static bool IsPresent => SkipReason is null;

    /// <summary>Device 0's ILGPU backend (only call from tests that skip when <see cref="IsPresent"/> is false).</summary>
    public static IlGpuBackend Backend => IlGpuBackend.For(Device.Cuda(0));

    /// <summary>The backend through the interface, as other tests use backends.</summary>
    public static IComputeBackend Interface => ComputeBackends.For(Device.Cuda(0));
}

/// <summary>A fact that runs only on a machine with a CUDA GPU and otherwise skips saying why it is absent.</summary>
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

/// <summary>A theory that runs only on a machine with a CUDA GPU and otherwise skips saying why it is absent.</summary>
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
