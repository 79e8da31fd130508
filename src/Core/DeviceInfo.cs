namespace Tessera;

/// <summary>What is known about a present device: what to pass to compute it, its name and memory.</summary>
/// <param name="Device">The descriptor to put in <see cref="ComputeOptions.Device"/>.</param>
/// <param name="Name">A human-readable name, e.g. the CPU model or the GPU's product name.</param>
/// <param name="MemoryBytes">Memory the device can use, in bytes (for the CPU: memory available to this process).</param>
/// <param name="IsGpu">Whether the device is a GPU (CUDA devices always; OpenCL ones when the driver says so).</param>
public sealed record DeviceInfo(Device Device, string Name, long MemoryBytes, bool IsGpu = false)
{
    /// <summary>The device's kind (a shortcut for <c>Device.Kind</c>).</summary>
    public DeviceKind Kind => Device.Kind;
}
