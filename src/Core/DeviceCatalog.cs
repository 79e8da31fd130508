using System.Reflection;

namespace Tessera;

/// <summary>
/// Lists present devices for <see cref="Device.Available"/> and <see cref="Device.Default"/>.
/// </summary>
/// <remarks>
/// Core cannot reference Tessera.Kernels, where the GPU backends live, so backends register a
/// probe here (<see cref="RegisterProbe"/>, called from Tessera.Kernels' module initializer).
/// Before the first probe Core loads Tessera.Kernels by name, which runs that initializer; when
/// the assembly is absent (Core used alone) only the CPU is listed. A probe that throws is
/// skipped: a broken driver must never stop the CPU from being used.
/// </remarks>
public static class DeviceCatalog
{
    private static readonly Lock Gate = new();
    private static readonly List<Func<IEnumerable<DeviceInfo>>> Probes = [];
    private static bool kernelsLoaded;

    /// <summary>The present devices, best first (CUDA, OpenCL GPUs, other OpenCL devices, then the CPU).</summary>
    public static IReadOnlyList<DeviceInfo> Probe()
    {
        EnsureBackendsLoaded();
        Func<IEnumerable<DeviceInfo>>[] probes;
        lock (Gate)
        {
            probes = [.. Probes];
        }
        var found = new List<(DeviceInfo Info, int Rank)>();
        foreach (var probe in probes)
        {
            try
            {
                foreach (var info in probe())
                {
                    found.Add((info, Rank(info)));
                }
            }
#pragma warning disable CA1031 // A failing driver probe must not hide the CPU; the device is simply absent.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
        found.Add((CpuInfo(), 3));
        return [.. found.OrderBy(f => f.Rank).ThenBy(f => f.Info.Device.Index).Select(f => f.Info)];
    }

    /// <summary>
    /// Adds a probe listing the devices of one backend. Called by backends (Tessera.Kernels) at
    /// load; the probe runs on every <see cref="Probe"/> and should cache what it finds.
    /// </summary>
    public static void RegisterProbe(Func<IEnumerable<DeviceInfo>> probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        lock (Gate)
        {
            Probes.Add(probe);
        }
    }

    internal static Device Best() => Probe()[0].Device;

    // CUDA first, then OpenCL GPUs (the name says so when the probe marks it), then other OpenCL
    // devices such as PoCL on the CPU — those are slower than the CPU backend, so the CPU wins.
    private static int Rank(DeviceInfo info) => info.Kind switch
    {
        DeviceKind.Cuda => 0,
        DeviceKind.OpenCL when info.IsGpu => 1,
        DeviceKind.OpenCL => 4,
        _ => 3,
    };

    private static void EnsureBackendsLoaded()
    {
        if (Volatile.Read(ref kernelsLoaded))
        {
            return;
        }
        try
        {
            var kernels = Assembly.Load("Tessera.Kernels");
            System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(kernels.ManifestModule.ModuleHandle);
        }
        catch (FileNotFoundException)
        {
            // Core without Kernels: only the CPU.
        }
        Volatile.Write(ref kernelsLoaded, true);
    }

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
