using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using Tessera.Kernels.Backends;
using Tessera.Kernels.IlGpu;
using IlGpuDevice = ILGPU.Runtime.Device;

namespace Tessera.Kernels.Tests.IlGpu;

/// <summary>
/// The ILGPU probe on this machine and on made-up failures: every backend it does not list has a
/// recorded reason, ilgpu-cpu is listed but never the default, and a probe that throws becomes an
/// absence with its message instead of vanishing.
/// </summary>
public class IlGpuProbeTests
{
    [Fact]
    public void Available_ListsIlGpuCpu_AfterTheCpuBackend_AndDefaultNeverPicksIt()
    {
        var devices = Device.Available.Select(d => d.Device).ToList();
        Assert.Contains(Device.IlGpuCpu, devices);
        Assert.True(devices.IndexOf(Device.Cpu) < devices.IndexOf(Device.IlGpuCpu), Device.Available.ToString());
        Assert.NotEqual(Device.IlGpuCpu, Device.Available[0].Device);
    }

    [Fact]
    public void Available_EveryMissingGpuBackend_HasARecordedReason_InTheDescription()
    {
        var available = Device.Available;
        var text = available.ToString();
        foreach (var (kind, backend) in (ReadOnlySpan<(DeviceKind, string)>)[(DeviceKind.Cuda, "CUDA"), (DeviceKind.OpenCL, "OpenCL")])
        {
            if (available.Any(d => d.Kind == kind))
            {
                continue;
            }
            // No device of this kind: the probe must say why (no driver, an unsupported device, or an exception).
            var reasons = available.Absent.Where(a => a.Backend.StartsWith(backend, StringComparison.Ordinal)).ToArray();
            Assert.True(reasons.Length > 0, $"no {backend} device and no reason recorded:\n{text}");
            Assert.All(reasons, r => Assert.Contains(r.ToString(), text));
        }
    }

    [Fact]
    public void OpenClDevicesIlGpuCannotUse_AreAbsentWithTheMissingCapability()
    {
        // Whatever OpenCL devices the driver lists (PoCL in CI), each is either an ILGPU accelerator
        // (listed as opencl:N) or an absence that names what it lacks.
        if (CLAPI.CurrentAPI is not { IsSupported: true })
        {
            Assert.Contains(Device.Available.Absent, a => a.Backend == "OpenCL" && a.Reason == DeviceAbsenceReason.NoDriver);
            return;
        }
        var listed = CLDevice.GetDevices(_ => true).OfType<CLDevice>().ToArray();
        var supported = IlGpuRuntime.Context.Devices.OfType<CLDevice>().ToArray();
        Assert.Equal(supported.Length, Device.Available.Count(d => d.Kind == DeviceKind.OpenCL));
        foreach (var device in listed.Where(d => !supported.Contains(d)))
        {
            var absence = Assert.Single(Device.Available.Absent, a => a.Backend.Contains(device.Name, StringComparison.Ordinal));
            Assert.Equal(DeviceAbsenceReason.UnsupportedDevice, absence.Reason);
            if (!device.Capabilities.GenericAddressSpace)
            {
                Assert.Contains("generic address space", absence.Detail, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void NoCudaDriver_IsRecordedAsNoDriver_WithWhatToInstall()
    {
        if (CudaAPI.CurrentAPI is { IsSupported: true })
        {
            return; // a driver is installed: the no-driver path cannot be observed here
        }
        var absence = Assert.Single(Device.Available.Absent, a => a.Backend == "CUDA");
        Assert.Equal(DeviceAbsenceReason.NoDriver, absence.Reason);
        Assert.Contains("NVIDIA driver", absence.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ContextThatThrows_IsOneAbsenceWithTheMessage_AndNoDevices()
    {
        var probe = new IlGpuProbe(() => throw new DllNotFoundException("libpretend.so: cannot open shared object file"));

        Assert.Empty(probe.Devices());
        var absence = Assert.Single(probe.Absences());
        Assert.Equal(DeviceAbsenceReason.ProbeFailed, absence.Reason);
        Assert.Contains("DllNotFoundException: libpretend.so: cannot open shared object file", absence.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void NoAccelerators_EveryGpuBackendIsAbsentWithAReason()
    {
        var probe = new IlGpuProbe(() => Array.Empty<IlGpuDevice>());

        Assert.Empty(probe.Devices());
        var absent = probe.Absences().ToArray();
        Assert.Contains(absent, a => a.Backend.StartsWith("CUDA", StringComparison.Ordinal));
        Assert.Contains(absent, a => a.Backend.StartsWith("OpenCL", StringComparison.Ordinal));
    }

    [Fact]
    public void For_AnOpenClIndexBeyondThoseListed_SaysWhereToLook()
    {
        var error = Assert.Throws<NotSupportedException>(() => ComputeBackends.For(Device.OpenCL(999)));
        Assert.Contains("opencl:999", error.Message, StringComparison.Ordinal);
        Assert.Contains("Device.Available", error.Message, StringComparison.Ordinal);
    }
}
