using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Backends;

/// <summary>
/// The block copies of a backend without device kernels for them: both blocks are copied to the
/// host, the host routine runs, and the destination is copied back. Correct everywhere, but each
/// call moves the blocks twice over the bus; backends with kernels override the interface methods.
/// </summary>
internal static class HostRoundTrip
{
    public static void CopyRegion(IComputeBackend backend, IDeviceBuffer source, ReadOnlySpan<int> sourceStart,
        IDeviceBuffer destination, ReadOnlySpan<int> destinationStart, ReadOnlySpan<int> extent)
    {
        CopyChecks.Region(source, sourceStart, destination, destinationStart, extent);
        var target = HostCopies.Of(destination, backend); // the elements outside the box must survive
        HostBlockCopies.Region(HostCopies.Of(source, backend), sourceStart.ToArray(), target, destinationStart.ToArray(), extent.ToArray());
        WriteBack(backend, target, destination);
    }

    public static void Permute(IComputeBackend backend, IDeviceBuffer source, IDeviceBuffer destination, ReadOnlySpan<int> axes)
    {
        CopyChecks.Permute(source, destination, axes);
        var target = CpuBuffer.Allocate(destination.DType, [.. destination.Shape]); // every element is written
        HostBlockCopies.Permute(HostCopies.Of(source, backend), target, axes.ToArray());
        WriteBack(backend, target, destination);
    }

    public static void Gather(IComputeBackend backend, IDeviceBuffer source, IReadOnlyList<AxisPositions> picks,
        IDeviceBuffer destination, IReadOnlyList<AxisPositions> places)
    {
        CopyChecks.Gather(source, picks, destination, places);
        var target = HostCopies.Of(destination, backend);
        HostBlockCopies.Gather(HostCopies.Of(source, backend), picks, target, places);
        WriteBack(backend, target, destination);
    }

    public static IDeviceBuffer Reshape(IComputeBackend backend, IDeviceBuffer source, ReadOnlySpan<int> shape)
    {
        CopyChecks.Reshape(source, shape);
        return HostCopies.ToDevice(backend, HostBlockCopies.Reshape(HostCopies.Of(source, backend), shape.ToArray()));
    }

    private static void WriteBack(IComputeBackend backend, CpuBuffer host, IDeviceBuffer destination)
    {
        HostUpload.To(backend, host, destination);
    }
}
