using Tessera.Kernels.Backends;
using Tessera.Kernels.Cuda.Memory;

namespace Tessera.Kernels.Cuda;

/// <summary>
/// A dense row-major block in device memory, rented from its backend's pool. It remembers which
/// stream last touched it, so work on another stream is ordered after that work and no sooner:
/// this is what lets the next chunk's upload run while the current chunk's kernel computes.
/// As an <see cref="IDeviceResident"/> it can be moved to host memory by the device tier.
/// </summary>
internal sealed class CudaBuffer : IDeviceBuffer, IDeviceResident
{
    private readonly int[] _shape;

    internal CudaBuffer(CudaBackend owner, PoolBlock block, DType dtype, int[] shape, long length)
    {
        Owner = owner;
        Block = block;
        DType = dtype;
        _shape = shape;
        Length = length;
    }

    public Device Device => Owner.Device;

    public DType DType { get; }

    public IReadOnlyList<int> Shape => _shape;

    public long Length { get; }

    public long ByteSize => Length * DType.Size();

    /// <summary>The device address of the first element (0 for an empty buffer).</summary>
    public ulong Address => Block.Address;

    internal CudaBackend Owner { get; }

    internal PoolBlock Block { get; }

    internal bool IsDisposed { get; set; }

    /// <summary>
    /// The end of the last write queued on a copy stream that the compute stream has not yet been
    /// ordered after; null once it has (or when there is none).
    /// </summary>
    internal CudaEvent? PendingCopyWrite { get; set; }

    /// <summary>
    /// Whether the buffer still owes its zero fill. Allocation only sets this flag: most buffers are
    /// overwritten whole by their first use (an upload, a kernel's output), and a memset would cost
    /// a write pass over the memory and tie the compute stream to the copy stream. The first use
    /// that reads the buffer does the fill on its own stream (or, for a download, none at all).
    /// </summary>
    internal bool NeedsZeroFill { get; set; }

    /// <summary>Whether kernels on the compute stream have used the buffer since its last upload.</summary>
    internal bool UsedByCompute { get; set; }

    /// <summary>A host copy, downloaded by the owning backend (ordered after the work that wrote it).</summary>
    public ISpillable CopyToHost() => HostCopies.Of(this, Owner);

    /// <summary>A new buffer of the owning backend holding <paramref name="hostCopy"/> (valid after Dispose: it uses only the backend).</summary>
    public IDeviceResident CopyToDevice(ISpillable hostCopy) => HostCopies.Restore(Owner, hostCopy);

    public void Dispose() => Owner.Free(this);

    /// <summary>
    /// A buffer dropped without Dispose (an intermediate block the arrays layer let go) still
    /// returns its block to the pool, as OpenCL buffers do: otherwise device memory would leak
    /// until the pool ran out. Free orders the reuse after any queued work on the block.
    /// </summary>
    ~CudaBuffer()
    {
        try
        {
            Owner.Free(this);
        }
        catch (Exception)
        {
            // A finalizer must not throw (it would end the process); a failing driver call here
            // means the context is gone, and its memory with it.
        }
    }

    public override string ToString() => $"CudaBuffer<{DType}>[{string.Join(", ", _shape)}] on {Device}";
}
