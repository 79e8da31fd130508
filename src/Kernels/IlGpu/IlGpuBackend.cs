using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.IlGpu;

/// <summary>
/// The GPU backend: one ILGPU accelerator (CUDA, OpenCL, or ILGPU's CPU emulator for tests) running
/// kernels written once in C#. Elementwise work and reduction prologues are lowered to nested generic
/// op structs (<see cref="Expressions.IDeviceExpr{T}"/>), compiled by ILGPU per expression shape and
/// cached per accelerator.
/// </summary>
/// <remarks>
/// Calls are serialised by one lock (issuing work is cheap; the device runs it asynchronously on
/// the accelerator's default stream, in order).
/// </remarks>
internal sealed partial class IlGpuBackend : IComputeBackend, IDisposable
{
    private static readonly ConcurrentDictionary<Device, Lazy<IlGpuBackend>> Backends = new();

    private readonly Lock _gate = new();
    private bool _disposed;

    private IlGpuBackend(Device device, Accelerator accelerator)
    {
        Device = device;
        Accelerator = accelerator;
    }

    public Device Device { get; }

    /// <summary>The ILGPU accelerator this backend runs on.</summary>
    internal Accelerator Accelerator { get; }

    /// <summary>
    /// The backend of <paramref name="device"/> (CUDA, OpenCL or the ILGPU CPU accelerator), created on
    /// first use and kept for the life of the process.
    /// </summary>
    /// <exception cref="NotSupportedException">No such accelerator; the message says why and how to fix it.</exception>
    public static IlGpuBackend For(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Backends.GetOrAdd(device, d => new Lazy<IlGpuBackend>(() => Create(d))).Value;
    }

    private static IlGpuBackend Create(Device device)
    {
        var type = IlGpuRuntime.TypeOf(device.Kind);
        var candidates = IlGpuRuntime.Context.Devices.Where(d => d.AcceleratorType == type).ToArray();
        if (device.Index >= candidates.Length)
        {
            throw new NotSupportedException(
                $"Device {device} does not exist: ILGPU sees {candidates.Length} {type} accelerator(s). " +
                "See Device.Available for the devices present and why others are absent.");
        }
        return new IlGpuBackend(device, candidates[device.Index].CreateAccelerator(IlGpuRuntime.Context));
    }

    /// <summary>The device kernels cover the five original types; int8/16, the unsigned integers and float16 run on the CPU backend.</summary>
    public bool Holds(DType dtype) => IlGpuBuffer.Holds(dtype);

    public IDeviceBuffer Allocate(DType dtype, ReadOnlySpan<int> shape)
    {
        var dims = Shapes.Check(shape.ToArray());
        var length = Shapes.Length(dims);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var memory = dtype switch
            {
                DType.Float32 => AllocateZeroed<float>(length),
                DType.Float64 => AllocateZeroed<double>(length),
                DType.Int32 => AllocateZeroed<int>(length),
                DType.Int64 => AllocateZeroed<long>(length),
                DType.Bool => AllocateZeroed<byte>(length),
                _ => throw new NotSupportedException(
                    $"{Device} holds float32, float64, int32, int64 and bool blocks, not {dtype.NumPyName()}. " +
                    $"Compute {dtype.NumPyName()} arrays with new ComputeOptions {{ Device = Device.Cpu }}, " +
                    "or convert them with Astype<float>() in a computation on the CPU first."),
            };
            return new IlGpuBuffer(this, memory, dtype, dims);
        }
    }

    private MemoryBuffer AllocateZeroed<T>(long length) where T : unmanaged
    {
        var buffer = Accelerator.Allocate1D<T>(length);
        buffer.MemSetToZero();
        return buffer;
    }

    public void Free(IDeviceBuffer buffer)
    {
        var b = Own(buffer, nameof(buffer));
        lock (_gate)
        {
            if (b.Detach() is { } memory)
            {
                if (_disposed)
                {
                    return; // the accelerator took its memory with it
                }
                Park(memory);
            }
        }
    }

    public void CopyFromHost<T>(ReadOnlySpan<T> source, IDeviceBuffer destination) where T : unmanaged
    {
        var b = Own(destination, nameof(destination));
        CheckCopy<T>(b, source.Length, nameof(source));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var bytes = MemoryMarshal.AsBytes(source);
            // Pinned: ILGPU turns the reference into a raw pointer, which a compacting GC on
            // another thread would otherwise invalidate mid-copy (seen as all-zero results).
            unsafe
            {
                fixed (byte* pinned = bytes)
                {
                    b.Memory.AsRawArrayView().CopyFromCPU(ref *pinned, bytes.Length);
                    SynchronizeAndRelease();
                }
            }
        }
    }

    public void CopyToHost<T>(IDeviceBuffer source, Span<T> destination) where T : unmanaged
    {
        var b = Own(source, nameof(source));
        CheckCopy<T>(b, destination.Length, nameof(destination));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var bytes = MemoryMarshal.AsBytes(destination);
            unsafe
            {
                fixed (byte* pinned = bytes)
                {
                    b.Memory.AsRawArrayView().CopyToCPU(ref *pinned, bytes.Length);
                    SynchronizeAndRelease();
                }
            }
        }
    }

    public void Synchronize()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SynchronizeAndRelease();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            SynchronizeAndRelease();
            DisposeGemm();
            Accelerator.Dispose();
        }
    }

    internal IlGpuBuffer Own(IDeviceBuffer buffer, string name)
    {
        ArgumentNullException.ThrowIfNull(buffer, name);
        return buffer as IlGpuBuffer is { } b && ReferenceEquals(b.Owner, this)
            ? b
            : throw new ArgumentException(
                $"{name} is {buffer}, not a buffer of {Device}. Allocate it with this device's backend, or copy it through the host.", name);
    }

    private static void CheckCopy<T>(IlGpuBuffer buffer, int hostLength, string name) where T : unmanaged
    {
        if (DTypes.Of<T>() != buffer.DType)
        {
            throw new ArgumentException($"{buffer} holds {buffer.DType}; the host span is {typeof(T).Name}. Copy through a span of the buffer's element type.", name);
        }
        if (hostLength != buffer.Length)
        {
            throw new ArgumentException($"The host span has {hostLength} elements but {buffer} has {buffer.Length}. Pass a span of exactly the buffer's length.", name);
        }
    }
}
