namespace Tessera;

/// <summary>
/// Lists present devices for <see cref="Device.Available"/> and <see cref="Device.Default"/>.
/// </summary>
/// <remarks>
/// Core cannot reference Tessera.Kernels, where backends live, so probing GPUs belongs to the
/// GPU backends' issue: they will add a probe here (Kernels registering one from its module
/// initializer, which Core triggers by loading the Tessera.Kernels assembly by name). Until
/// then only the CPU is probed; it is always present, so the list is never empty.
/// </remarks>
public static class DeviceCatalog
{
    /// <summary>The present devices, best first (CUDA, OpenCL GPUs, then the CPU).</summary>
    public static IReadOnlyList<DeviceInfo> Probe() => [CpuInfo()];

    internal static Device Best() => Probe()[0].Device;

    private static DeviceInfo CpuInfo() =>
        new(Device.Cpu, CpuName(), GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    // /proc/cpuinfo is the only portable-enough source of the model name on Linux; elsewhere the
    // architecture and core count still say which machine ran a benchmark.
    private static string CpuName()
    {
        var fallback = $"{System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture} CPU, {Environment.ProcessorCount} cores";
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var c and >= 0)
                    {
                        return $"{line[(c + 1)..].Trim()} ({Environment.ProcessorCount} cores)";
                    }
                }
            }
        }
        catch (IOException)
        {
            // An unreadable /proc is no reason to fail listing devices.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return fallback;
    }
}
