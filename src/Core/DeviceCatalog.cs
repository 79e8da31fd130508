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
/// A probe that throws is recorded as an absence with the exception's message (in
/// <see cref="DeviceList.Absent"/>), never dropped silently: a broken driver must not stop the CPU
/// from being used, and the listing must still say why the GPU is missing.
/// </remarks>
public static class DeviceCatalog
{
    private static readonly Lock Gate = new();
    private static readonly List<IDeviceProbe> Probes = [];

    /// <summary>
    /// The present devices, best first (CUDA, OpenCL GPUs, the CPU, then other OpenCL devices, then
    /// ILGPU's CPU accelerator), and every absence the probes recorded.
    /// </summary>
    public static DeviceList Probe()
    {
        IDeviceProbe[] probes;
        lock (Gate)
        {
            probes = [.. Probes];
        }
        var found = new List<(DeviceInfo Info, int Rank)>();
        var absent = new List<DeviceAbsence>();
        foreach (var probe in probes)
        {
            var name = BackendOf(probe);
            try
            {
                // Both lists are materialised before anything is kept, so a probe that throws
                // halfway lists none of its devices rather than some.
                DeviceInfo[] devices = [.. probe.Devices()];
                DeviceAbsence[] absences = [.. probe.Absences()];
                found.AddRange(devices.Select(d => (d, Rank(d))));
                absent.AddRange(absences);
            }
#pragma warning disable CA1031 // A failing driver probe must not hide the CPU; it is recorded, with its message.
            catch (Exception e)
#pragma warning restore CA1031
            {
                absent.Add(new DeviceAbsence(name, DeviceAbsenceReason.ProbeFailed, $"{e.GetType().Name}: {e.Message}"));
            }
        }
        found.Add((CpuInfo(), 3));
        return new DeviceList(found.OrderBy(f => f.Rank).ThenBy(f => f.Info.Device.Index).Select(f => f.Info), absent);
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
    // devices on the CPU — those are slower than the CPU backend, so the CPU wins — and last
    // ILGPU's CPU accelerator, an emulator for tests that Default must never pick.
    private static int Rank(DeviceInfo info) => info.Kind switch
    {
        DeviceKind.Cuda => 0,
        DeviceKind.OpenCL when info.IsGpu => 1,
        DeviceKind.OpenCL => 4,
        DeviceKind.IlGpuCpu => 5,
        _ => 3,
    };

    // A probe's name is its own code too, so it is read as carefully as its devices.
    private static string BackendOf(IDeviceProbe probe)
    {
        try
        {
            return probe.Backend;
        }
#pragma warning disable CA1031 // Only used to label an absence; the type name still says which probe.
        catch (Exception)
#pragma warning restore CA1031
        {
            return probe.GetType().Name;
        }
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
