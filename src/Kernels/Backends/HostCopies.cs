using Tessera.Kernels.Cpu;
using Tessera.Kernels.Types;

namespace Tessera.Kernels.Backends;

/// <summary>Copies between device buffers and host memory: what host steps read, and how the device tier moves results to host and back.</summary>
internal static class HostCopies
{
    /// <summary>A new host buffer holding <paramref name="block"/>'s elements, read through <paramref name="backend"/> (its owner).</summary>
    public static CpuBuffer Of(IDeviceBuffer block, IComputeBackend backend)
    {
        var copy = CpuBuffer.Allocate(block.DType, [.. block.Shape]);
        ElementTypeSwitch.Visit<ToHostCopy, bool>(copy.DType, new(block, backend, copy));
        return copy;
    }

    /// <summary>A new buffer of <paramref name="backend"/> holding <paramref name="host"/>'s elements.</summary>
    public static IDeviceBuffer ToDevice(IComputeBackend backend, CpuBuffer host)
    {
        var moved = backend.Allocate(host.DType, [.. host.Shape]);
        HostUpload.To(backend, host, moved);
        return moved;
    }

    /// <summary>
    /// <paramref name="hostCopy"/> (what <see cref="IDeviceResident.CopyToHost"/> returned, possibly after a
    /// round trip through a spill file) on <paramref name="backend"/>'s device, as a new buffer.
    /// </summary>
    public static IDeviceResident Restore(IComputeBackend backend, ISpillable hostCopy) => hostCopy is CpuBuffer host
        ? (IDeviceResident)ToDevice(backend, host)
        : throw new ArgumentException(
            $"A device buffer is restored from the host buffer its CopyToHost made; got {hostCopy.GetType().Name}. " +
            "Pass the value CopyToHost returned.", nameof(hostCopy));

    private readonly struct ToHostCopy(IDeviceBuffer block, IComputeBackend backend, CpuBuffer copy) : IElementTypeVisitor<bool>
    {
        public bool Visit<T>() where T : unmanaged
        {
            backend.CopyToHost(block, ((CpuBuffer<T>)copy).Span);
            return true;
        }
    }
}

/// <summary>Writes a host buffer's elements into a device buffer of the same type and shape.</summary>
internal static class HostUpload
{
    public static void To(IComputeBackend backend, CpuBuffer host, IDeviceBuffer destination) =>
        ElementTypeSwitch.Visit<Upload, bool>(host.DType, new(backend, host, destination));

    private readonly struct Upload(IComputeBackend backend, CpuBuffer host, IDeviceBuffer destination) : IElementTypeVisitor<bool>
    {
        public bool Visit<T>() where T : unmanaged
        {
            backend.CopyFromHost<T>(((CpuBuffer<T>)host).Span, destination);
            return true;
        }
    }
}
