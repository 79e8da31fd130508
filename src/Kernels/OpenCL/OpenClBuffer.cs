using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using static Tessera.Kernels.OpenCL.Native.OpenClNative;

namespace Tessera.Kernels.OpenCL;

/// <summary>
/// A buffer in one OpenCL context. Elements are stored as on the host (bool as one byte holding
/// 0 or 1). Released on Dispose or, failing that, by the finalizer: OpenCL defers the actual
/// release until queued commands that use it have finished, so either is safe at any time.
/// As an <see cref="IDeviceResident"/> it can be moved to host memory by the device tier.
/// </summary>
internal sealed class OpenClBuffer : IDeviceBuffer, IDeviceResident
{
    private readonly int[] _shape;
    private nint _memory;

    public OpenClBuffer(Device device, nint memory, DType dtype, int[] shape)
    {
        Device = device;
        _memory = memory;
        DType = dtype;
        _shape = shape;
        Length = Shapes.Length(shape);
    }

    ~OpenClBuffer() => Release();

    public Device Device { get; }

    public DType DType { get; }

    public IReadOnlyList<int> Shape => _shape;

    public long Length { get; }

    public long ByteSize => Length * DType.Size();

    /// <summary>The cl_mem handle; throws once disposed.</summary>
    public nint Memory => _memory != 0
        ? _memory
        : throw new ObjectDisposedException(nameof(OpenClBuffer), $"{this} was freed; allocate a new buffer.");

    /// <summary>A host copy, read through the backend of this buffer's device (an in-order read: it waits for kernels writing it).</summary>
    public ISpillable CopyToHost() => HostCopies.Of(this, OpenClBackend.For(Device.Index));

    /// <summary>A new buffer on this buffer's device holding <paramref name="hostCopy"/> (valid after Dispose: it uses only the device).</summary>
    public IDeviceResident CopyToDevice(ISpillable hostCopy) => HostCopies.Restore(OpenClBackend.For(Device.Index), hostCopy);

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    public override string ToString() => $"OpenClBuffer<{DType}>[{string.Join(", ", _shape)}] on {Device}";

    private void Release()
    {
        var memory = Interlocked.Exchange(ref _memory, 0);
        if (memory != 0)
        {
            _ = clReleaseMemObject(memory);
        }
    }
}
