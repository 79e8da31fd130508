using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using IlGpuDevice = ILGPU.Runtime.Device;

namespace Tessera.Kernels.IlGpu;

/// <summary>
/// Lists ILGPU's accelerators as Tessera devices (<c>cuda:N</c>, <c>opencl:N</c>, <c>ilgpu-cpu</c>) and
/// records why CUDA or OpenCL is absent: no driver library, a device ILGPU cannot run on (with the
/// missing capability), or an exception with its message. Each backend is probed on its own, so a
/// broken OpenCL driver hides only OpenCL. The answer is computed once and cached.
/// </summary>
internal sealed class IlGpuProbe : IDeviceProbe
{
    private readonly Lazy<(DeviceInfo[] Present, DeviceAbsence[] Absent)> _result;

    /// <summary>A probe reading <paramref name="devices"/> (ILGPU's context's devices, read when first asked).</summary>
    internal IlGpuProbe(Func<IReadOnlyList<IlGpuDevice>> devices) =>
        _result = new(() => Run(devices), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The probe of the process's shared ILGPU context.</summary>
    public static IlGpuProbe Instance { get; } = new(() => IlGpuRuntime.Context.Devices);

    public string Backend => "ILGPU";

    public IEnumerable<DeviceInfo> Devices() => _result.Value.Present;

    public IEnumerable<DeviceAbsence> Absences() => _result.Value.Absent;

    private static (DeviceInfo[], DeviceAbsence[]) Run(Func<IReadOnlyList<IlGpuDevice>> devices)
    {
        var present = new List<DeviceInfo>();
        var absent = new List<DeviceAbsence>();
        // Creating the context is what finds the drivers; if it fails, every ILGPU backend is absent
        // for that reason, and the CPU backend still runs.
        IReadOnlyList<IlGpuDevice> all;
        try
        {
            all = devices();
        }
#pragma warning disable CA1031 // Recorded with its message: the listing must say why, not drop it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ([], [new DeviceAbsence("ILGPU", DeviceAbsenceReason.ProbeFailed, $"creating ILGPU's context threw {e.GetType().Name}: {e.Message}")]);
        }
        Guard("CUDA", absent, () => Cuda(all, present, absent));
        Guard("OpenCL", absent, () => OpenCl(all, present, absent));
        Guard("ILGPU CPU accelerator", absent, () => Cpu(all, present));
        return ([.. present], [.. absent]);
    }

    private static void Guard(string backend, List<DeviceAbsence> absent, Action probe)
    {
        try
        {
            probe();
        }
#pragma warning disable CA1031 // A failing driver is recorded with its message and hides only its own backend.
        catch (Exception e)
#pragma warning restore CA1031
        {
            absent.Add(new DeviceAbsence(backend, DeviceAbsenceReason.ProbeFailed, $"{e.GetType().Name}: {e.Message}"));
        }
    }

    private static void Cuda(IReadOnlyList<IlGpuDevice> all, List<DeviceInfo> present, List<DeviceAbsence> absent)
    {
        var cuda = all.OfType<CudaDevice>().ToArray();
        for (var i = 0; i < cuda.Length; i++)
        {
            present.Add(new DeviceInfo(Device.Cuda(i), $"{cuda[i].Name} ({cuda[i].Architecture}, ILGPU CUDA)", cuda[i].MemorySize, IsGpu: true));
        }
        if (cuda.Length > 0)
        {
            return;
        }
        if (CudaAPI.CurrentAPI is not { IsSupported: true })
        {
            absent.Add(new DeviceAbsence("CUDA", DeviceAbsenceReason.NoDriver,
                "ILGPU could not load the CUDA driver library (libcuda.so on Linux, nvcuda.dll on Windows). Install the NVIDIA driver; nothing else is needed."));
            return;
        }
        // The driver loaded: any device it lists that ILGPU left out has an architecture ILGPU does not know.
        var listed = CudaDevice.GetDevices(_ => true).ToArray();
        absent.Add(listed.Length == 0
            ? new DeviceAbsence("CUDA", DeviceAbsenceReason.NoDriver, "the NVIDIA driver loaded but lists no CUDA device.")
            : new DeviceAbsence("CUDA", DeviceAbsenceReason.UnsupportedDevice,
                $"the driver lists {listed.Length} device(s) ({string.Join(", ", listed.Select(d => d.Name))}) but ILGPU 1.5.3 supports none of them (unknown architecture or instruction set)."));
    }

    private static void OpenCl(IReadOnlyList<IlGpuDevice> all, List<DeviceInfo> present, List<DeviceAbsence> absent)
    {
        var supported = all.OfType<CLDevice>().ToArray();
        for (var i = 0; i < supported.Length; i++)
        {
            var d = supported[i];
            present.Add(new DeviceInfo(Device.OpenCL(i), $"{d.Name} ({d.PlatformName}, ILGPU OpenCL)", d.MemorySize,
                IsGpu: d.DeviceType == CLDeviceType.CL_DEVICE_TYPE_GPU));
        }
        if (CLAPI.CurrentAPI is not { IsSupported: true })
        {
            absent.Add(new DeviceAbsence("OpenCL", DeviceAbsenceReason.NoDriver,
                "ILGPU could not load libOpenCL.so (on Debian/Ubuntu it is in ocl-icd-opencl-dev; ocl-icd-libopencl1 alone has only libOpenCL.so.1), " +
                "or no OpenCL platform is installed. Only OpenCL 2.0 GPU drivers (AMD ROCm, Intel NEO) can run ILGPU's kernels."));
            return;
        }
        // Every device the driver lists that ILGPU's context left out is unsupported: say which capability is missing.
        var listed = CLDevice.GetDevices(_ => true).OfType<CLDevice>().ToArray();
        foreach (var d in listed.Where(d => !supported.Contains(d)))
        {
            absent.Add(new DeviceAbsence($"OpenCL '{d.Name}' ({d.PlatformName})", DeviceAbsenceReason.UnsupportedDevice, MissingCapability(d)));
        }
        if (listed.Length == 0)
        {
            absent.Add(new DeviceAbsence("OpenCL", DeviceAbsenceReason.NoDriver,
                "libOpenCL.so loaded but no OpenCL platform lists a device (no ICD in /etc/OpenCL/vendors, or its driver found no device)."));
        }
    }

    /// <summary>Why ILGPU will not run on an OpenCL device: it needs OpenCL C 2.0's generic address space.</summary>
    internal static string MissingCapability(CLDevice device) => !device.Capabilities.GenericAddressSpace
        ? $"it lacks the generic address space ILGPU's kernels need (OpenCL C {device.CVersion}; an OpenCL 2.0 GPU driver such as AMD ROCm or Intel NEO has it; PoCL does not)."
        : $"ILGPU left it out (OpenCL C {device.CVersion}, {device.DeviceType}); creating its accelerator would say why.";

    private static void Cpu(IReadOnlyList<IlGpuDevice> all, List<DeviceInfo> present)
    {
        // Not a GPU and slow (an emulator): listed for tests, ranked last, never the default.
        if (all.OfType<CPUDevice>().FirstOrDefault() is { } cpu)
        {
            present.Add(new DeviceInfo(Device.IlGpuCpu, $"{cpu.Name} (ILGPU's CPU accelerator, {cpu.NumThreads} threads; an emulator for tests)",
                GC.GetGCMemoryInfo().TotalAvailableMemoryBytes));
        }
    }
}
