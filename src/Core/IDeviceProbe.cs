namespace Tessera;

/// <summary>
/// Lists the devices of one backend for <see cref="DeviceCatalog"/>. Core knows no backend: each
/// one registers a probe (<see cref="DeviceCatalog.Register(IDeviceProbe)"/>) from the assembly
/// that implements it, so the layering stays one way (Kernels → Core) with no lookup by name.
/// </summary>
public interface IDeviceProbe
{
    /// <summary>
    /// The devices present. Called on every listing, so an implementation should probe the driver
    /// once and cache; it may throw (the catalog then skips this backend, and the CPU stays listed).
    /// </summary>
    IEnumerable<DeviceInfo> Devices();
}
