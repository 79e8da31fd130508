namespace Tessera;

/// <summary>
/// Lists the devices of one backend for <see cref="DeviceCatalog"/>, and why any are absent. Core
/// knows no backend: each one registers a probe (<see cref="DeviceCatalog.Register(IDeviceProbe)"/>)
/// from the assembly that implements it, so the layering stays one way (Kernels → Core) with no
/// lookup by name.
/// </summary>
public interface IDeviceProbe
{
    /// <summary>The backend's name in absence lines, e.g. <c>ILGPU</c> (defaults to the probe's type name).</summary>
    string Backend => GetType().Name;

    /// <summary>
    /// The devices present. Called on every listing, so an implementation should probe the driver
    /// once and cache; it may throw (the catalog then records this backend as absent with the
    /// exception's message, and the CPU stays listed).
    /// </summary>
    IEnumerable<DeviceInfo> Devices();

    /// <summary>
    /// The backends or devices this probe looked for and did not list, with the reason (no
    /// driver, an unsupported device). Called after <see cref="Devices"/>; empty by default.
    /// </summary>
    IEnumerable<DeviceAbsence> Absences() => [];
}
