using System.Collections.Concurrent;

namespace Tessera.Scheduling;

/// <summary>The byte limit of a device's budget: <see cref="ComputeOptions.DeviceMemoryLimit"/>, else 80% of its memory.</summary>
internal static class DeviceMemoryLimits
{
    /// <summary>The share of a device's memory results may hold when no limit is given; the rest is left to kernels' temporaries and other processes.</summary>
    public const double DefaultShare = 0.8;

    /// <summary>
    /// <paramref name="configured"/> when set; else 80% of <paramref name="device"/>'s memory as listed in
    /// <paramref name="available"/>; unlimited when the device is not listed (its memory is unknown, so no
    /// figure would be honest; the device's own out-of-memory error still applies).
    /// </summary>
    public static long Resolve(Device device, long? configured, IReadOnlyList<DeviceInfo> available)
    {
        if (configured is { } limit)
        {
            return limit;
        }
        foreach (var info in available)
        {
            if (info.Device == device)
            {
                return Math.Max(1, (long)(info.MemoryBytes * DefaultShare));
            }
        }
        return long.MaxValue;
    }

    /// <summary>The limit function a run uses: the options' limit, else the device catalog's figure.</summary>
    public static Func<Device, long> From(long? configured) => configured is { } limit
        ? _ => limit
        : device => Defaults.GetOrAdd(device, d => Resolve(d, null, DeviceCatalog.Probe()));

    // A device's memory does not change while the process runs, and probing reads /proc for the
    // CPU's name: ask the catalog once per device, not once per run.
    private static readonly ConcurrentDictionary<Device, long> Defaults = new();
}
