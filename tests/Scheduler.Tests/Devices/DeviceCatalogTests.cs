namespace Tessera.Scheduler.Tests.Devices;

/// <summary>
/// Core's device list is what backends register (no backend is looked up by name): a probe is
/// counted once however often it registers, one that throws hides only its own devices and is
/// recorded as an absence with its message, absences a probe reports are listed and described,
/// and the ranking puts a CPU-side OpenCL device and ILGPU's CPU accelerator after the CPU.
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

    /// <summary>A backend whose driver is missing, and an emulator device that must rank last.</summary>
    private sealed class MissingDriver : IDeviceProbe
    {
        public string Backend => "Pretend GPU";

        public IEnumerable<DeviceInfo> Devices() => [new DeviceInfo(Device.IlGpuCpu, "pretend emulator", 1 << 20)];

        public IEnumerable<DeviceAbsence> Absences() =>
            [new DeviceAbsence("Pretend GPU", DeviceAbsenceReason.NoDriver, "libpretendgpu.so not found; install the pretend driver.")];
    }

    [Fact]
    public void Probe_ABackendThrows_TheCpuIsStillListed_AndTheFailureIsRecordedWithItsMessage()
    {
        DeviceCatalog.Register(new BrokenDriver());

        var devices = DeviceCatalog.Probe();

        Assert.Contains(devices, d => d.Device == Device.Cpu);
        var absence = Assert.Single(devices.Absent, a => a.Backend == nameof(BrokenDriver));
        Assert.Equal(DeviceAbsenceReason.ProbeFailed, absence.Reason);
        Assert.Equal("DllNotFoundException: libpretend.so", absence.Detail);
        Assert.Contains("BrokenDriver: probe failed: DllNotFoundException: libpretend.so", devices.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_ReportedAbsences_AreListedAndDescribed_AndTheEmulatorRanksAfterTheCpu()
    {
        DeviceCatalog.Register(new MissingDriver());

        var devices = DeviceCatalog.Probe();

        var absence = Assert.Single(devices.Absent, a => a.Backend == "Pretend GPU");
        Assert.Equal(DeviceAbsenceReason.NoDriver, absence.Reason);
        Assert.Contains("Pretend GPU: no driver: libpretendgpu.so not found; install the pretend driver.", devices.Description, StringComparison.Ordinal);
        var order = devices.Select(d => d.Device).ToList();
        Assert.True(order.IndexOf(Device.Cpu) < order.IndexOf(Device.IlGpuCpu), devices.ToString());
        Assert.NotEqual(Device.IlGpuCpu, order[0]);
    }

    [Fact]
    public void Register_Null_Throws() =>
        Assert.Throws<ArgumentNullException>(() => DeviceCatalog.Register(null!));
}
