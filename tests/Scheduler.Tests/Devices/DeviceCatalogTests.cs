namespace Tessera.Scheduler.Tests.Devices;

/// <summary>
/// Core's device list is what backends register (no backend is looked up by name): a probe is
/// counted once however often it registers, one that throws hides only its own devices, and
/// the ranking puts a CPU-side OpenCL device (PoCL) after the CPU.
/// </summary>
public class DeviceCatalogTests
{
    /// <summary>A pretend OpenCL platform on the CPU, at an index no machine has.</summary>
    private sealed class CpuSideOpenCl : IDeviceProbe
    {
        public static Device Id { get; } = Device.OpenCL(97);

        public IEnumerable<DeviceInfo> Devices() => [new DeviceInfo(Id, "pretend PoCL", 1 << 20, IsGpu: false)];
    }

    private sealed class BrokenDriver : IDeviceProbe
    {
        public IEnumerable<DeviceInfo> Devices() => throw new DllNotFoundException("libpretend.so");
    }

    [Fact]
    public void Register_SameProbeTwice_ListsItsDevicesOnce_AfterTheCpu()
    {
        var probe = new CpuSideOpenCl();
        DeviceCatalog.Register(probe);
        DeviceCatalog.Register(probe);

        var devices = DeviceCatalog.Probe().Select(d => d.Device).ToList();

        Assert.Single(devices, d => d == CpuSideOpenCl.Id);
        Assert.True(devices.IndexOf(Device.Cpu) < devices.IndexOf(CpuSideOpenCl.Id), string.Join(", ", devices));
    }

    [Fact]
    public void Probe_ABackendThrows_TheCpuIsStillListed()
    {
        DeviceCatalog.Register(new BrokenDriver());

        Assert.Contains(DeviceCatalog.Probe(), d => d.Device == Device.Cpu);
    }

    [Fact]
    public void Register_Null_Throws() =>
        Assert.Throws<ArgumentNullException>(() => DeviceCatalog.Register(null!));
}
