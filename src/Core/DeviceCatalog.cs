namespace Tessera;

/// <summary>
/// Lists present devices for <see cref="Device.Available"/> and <see cref="Device.Default"/>.
/// </summary>
/// <remarks>
/// Core cannot reference Tessera.Kernels, where the GPU backends live, and does not look it up:
/// backends register an <see cref="IDeviceProbe"/> here (<see cref="Register(IDeviceProbe)"/>).
/// Tessera.Kernels registers its probes when it loads (its module initializer), and the Tessera
/// facade registers them when it loads, so a program that references the facade lists every
/// backend from its first use of the facade or of any kernel; Core alone lists only the CPU.
/// A probe that throws is skipped: a broken driver must never stop the CPU from being used.
/// </remarks>
public static class DeviceCatalog
{
    private static readonly Lock Gate = new();
    private static readonly List<IDeviceProbe> Probes = [];

    /// <summary>The present devices, best first (CUDA, OpenCL GPUs, the CPU, then other OpenCL devices such as PoCL).</summary>
    public static IReadOnlyList<DeviceInfo> Probe()
    {
        IDeviceProbe[] probes;
        lock (Gate)
        {
            probes = [.. Probes];
        }
        var found = new List<(DeviceInfo Info, int Rank)>();
        foreach (var probe in probes)
        {
            try
            {
                foreach (var info in probe.Devices())
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
    /// Adds a probe listing the devices of one backend; registering the same probe again does
    /// nothing. Called by backends (Tessera.Kernels) and the facade when they load; the probe runs
    /// on every <see cref="Probe"/> and should cache what it finds.
    /// </summary>
    public static void Register(IDeviceProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        lock (Gate)
        {
            if (!Probes.Contains(probe))
            {
                Probes.Add(probe);
            }
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
