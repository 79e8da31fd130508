using ILGPU;
using ILGPU.Runtime;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.IlGpu;

/// <summary>
/// A dense row-major block in one ILGPU accelerator's memory. Elements are stored as on the host,
/// except bool, which is one byte holding 0 or 1 (<see cref="Storage"/>). As an
/// <see cref="IDeviceResident"/> the device tier can move it to host memory and back.
/// </summary>
internal sealed class IlGpuBuffer : IDeviceBuffer, IDeviceResident
{
    private readonly int[] _shape;
    private MemoryBuffer? _memory;

    internal IlGpuBuffer(IlGpuBackend owner, MemoryBuffer memory, DType dtype, int[] shape)
    {
        Owner = owner;
        _memory = memory;
        GC.SuppressFinalize(memory);
        DType = dtype;
        _shape = shape;
        Length = Shapes.Length(shape);
    }

    public Device Device => Owner.Device;

    public DType DType { get; }

    public IReadOnlyList<int> Shape => _shape;

    public long Length { get; }

    public long ByteSize => Length * DType.Size();

    internal IlGpuBackend Owner { get; }

    internal bool IsDisposed => _memory is null;

    /// <summary>The element types device buffers and kernels exist for; the others run on the CPU backend.</summary>
    public static bool Holds(DType dtype) => dtype is DType.Float32 or DType.Float64 or DType.Int32 or DType.Int64 or DType.Bool;

    /// <summary>The device element type of <paramref name="dtype"/>: its CLR type, except bool as byte (kernels see 0 or 1).</summary>
    public static Type Storage(DType dtype) => dtype == DType.Bool ? typeof(byte) : dtype.ClrType();

    /// <summary>
    /// The elements as a typed view. <typeparamref name="T"/> must be <see cref="Storage"/> of the
    /// buffer's type (byte for bool).
    /// </summary>
    public ArrayView1D<T, Stride1D.Dense> View<T>() where T : unmanaged
    {
        var memory = _memory ?? throw new ObjectDisposedException(nameof(IlGpuBuffer), $"{this} was freed; allocate a new buffer.");
        if (typeof(T) != Storage(DType))
        {
            throw new InvalidOperationException(
                $"{this} holds {Storage(DType).Name} elements on the device; it was read as {typeof(T).Name}.");
        }
        return ((MemoryBuffer1D<T, Stride1D.Dense>)memory).View;
    }

    /// <summary>The untyped memory (for copies); throws once freed.</summary>
    internal MemoryBuffer Memory => _memory ?? throw new ObjectDisposedException(nameof(IlGpuBuffer), $"{this} was freed; allocate a new buffer.");

    /// <summary>A host copy, read through the owning backend (ordered after the work that wrote it).</summary>
    public ISpillable CopyToHost() => HostCopies.Of(this, Owner);

    /// <summary>A new buffer of the owning backend holding <paramref name="hostCopy"/> (valid after Dispose).</summary>
    public IDeviceResident CopyToDevice(ISpillable hostCopy) => HostCopies.Restore(Owner, hostCopy);

    public void Dispose()
    {
        Owner.Free(this);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Takes the memory out of this buffer (once; null afterwards) for the backend to release when no
    /// queued kernel can read it any more.
    /// </summary>
    internal MemoryBuffer? Detach() => Interlocked.Exchange(ref _memory, null);

    /// <summary>
    /// A buffer dropped without Dispose (an intermediate the arrays layer let go) is freed through
    /// its backend, which waits for queued kernels first. ILGPU's own finalizer on the memory is
    /// suppressed at allocation, since it would free the memory under a kernel still reading it.
    /// </summary>
    ~IlGpuBuffer()
    {
        try
        {
            Owner.Free(this);
        }
        catch (Exception)
        {
            // A finalizer must not throw (it would end the process); a failing release here means
            // the accelerator is gone, and its memory with it.
        }
    }

    public override string ToString() => $"IlGpuBuffer<{DType}>[{string.Join(", ", _shape)}] on {Device}";
}
