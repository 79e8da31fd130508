namespace Tessera.Scheduling;

/// <summary>
/// How a run manages memory: the host budget, where it spills, (for tests) the file operations, and
/// each device's budget (<see cref="DeviceMemoryLimits"/>; asked only once a device result exists).
/// </summary>
internal sealed record MemorySettings(long Limit, string? Directory, SpillFileSystem? Files = null, Func<Device, long>? DeviceLimitOf = null)
{
    public static MemorySettings From(ComputeOptions options, SpillFileSystem? files = null) =>
        new(options.EffectiveMemoryLimit, options.SpillDirectory, files, DeviceMemoryLimits.From(options.DeviceMemoryLimit));
}
