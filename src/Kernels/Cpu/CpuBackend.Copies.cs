using Tessera.Kernels.Backends;

namespace Tessera.Kernels.Cpu;

// Block copies run in place on the host buffers (no round trip): the routines the Arrays layer used before.
internal sealed partial class CpuBackend
{
    public void CopyRegion(IDeviceBuffer source, ReadOnlySpan<int> sourceStart, IDeviceBuffer destination,
        ReadOnlySpan<int> destinationStart, ReadOnlySpan<int> extent)
    {
        CopyChecks.Region(source, sourceStart, destination, destinationStart, extent);
        HostBlockCopies.Region(Host(source, nameof(source)), sourceStart.ToArray(), Host(destination, nameof(destination)),
            destinationStart.ToArray(), extent.ToArray());
    }

    public void Permute(IDeviceBuffer source, IDeviceBuffer destination, ReadOnlySpan<int> axes)
    {
        CopyChecks.Permute(source, destination, axes);
        HostBlockCopies.Permute(Host(source, nameof(source)), Host(destination, nameof(destination)), axes.ToArray());
    }

    public void Gather(IDeviceBuffer source, IReadOnlyList<AxisPositions> picks, IDeviceBuffer destination,
        IReadOnlyList<AxisPositions> places)
    {
        CopyChecks.Gather(source, picks, destination, places);
        HostBlockCopies.Gather(Host(source, nameof(source)), picks, Host(destination, nameof(destination)), places);
    }

    public IDeviceBuffer Reshape(IDeviceBuffer source, ReadOnlySpan<int> shape)
    {
        CopyChecks.Reshape(source, shape);
        return HostBlockCopies.Reshape(Host(source, nameof(source)), shape.ToArray());
    }

    private static CpuBuffer Host(IDeviceBuffer buffer, string name) => buffer as CpuBuffer ?? throw new ArgumentException(
        $"{name} is {buffer}, not a CPU buffer. Copy it to the host first (or call the backend that owns it).", name);
}
