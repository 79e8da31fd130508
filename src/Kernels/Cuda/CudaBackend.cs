using System.Collections.Concurrent;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cuda.Memory;

namespace Tessera.Kernels.Cuda;

/// <summary>
/// The CUDA backend for one device: buffers from a caching device pool, host copies staged through
/// a pinned pool on their own streams, generated kernels compiled by NVRTC, GEMM by cuBLAS.
/// </summary>
/// <remarks>
/// Three streams: compute (kernels, cuBLAS, deferred zero fills), upload (host→device) and download
/// (device→host). A buffer records the event ending its last upload; the compute stream waits
/// on that event only when a kernel uses the buffer, so chunk i+1's upload overlaps chunk i's
/// kernel. Downloads wait for the compute stream before reading. Calls are serialised by one
/// lock (issuing work is microseconds; the device runs it asynchronously) and each runs with the
/// device's primary context pushed on the calling thread.
/// </remarks>
internal sealed unsafe partial class CudaBackend : IComputeBackend, IDisposable
{
    private static readonly ConcurrentDictionary<int, Lazy<CudaBackend>> Backends = new();

    private readonly Lock _gate = new();
    private readonly Native.CudaDriverApi _driver = CudaDriver.Api;
    private readonly CudaContext _context;
    private readonly CudaStream _compute;
    private readonly CudaStream _upload;
    private readonly CudaStream _download;
    private readonly BlockPool _devicePool;
    private readonly BlockPool _pinnedPool;
    private bool _disposed;

    private CudaBackend(int ordinal)
    {
        Properties = CudaDeviceProperties.Read(ordinal);
        Device = Device.Cuda(ordinal);
        _context = new CudaContext(ordinal);
        using (_context.Enter())
        {
            _compute = new CudaStream();
            _upload = new CudaStream();
            _download = new CudaStream();
        }
        _devicePool = new BlockPool(new DeviceAllocator());
        // Up to 8 staging pieces in flight before the host waits for one to drain.
        _pinnedPool = new BlockPool(new PinnedHostAllocator(), allocateRatherThanWaitBelow: 8 * StagingBytes);
        _compilerSetup = new(SetUpCompiler);
        AllowTf32 = Environment.GetEnvironmentVariable(Tf32EnvironmentVariable) is "1" or "true" or "TRUE" or "True";
    }

    public Device Device { get; }

    /// <summary>What the driver says about the device.</summary>
    public CudaDeviceProperties Properties { get; }

    /// <summary>The device memory pool (for diagnostics and tests).</summary>
    internal BlockPool DevicePool => _devicePool;

    /// <summary>The pinned host staging pool (for diagnostics and tests).</summary>
    internal BlockPool PinnedPool => _pinnedPool;

    /// <summary>The stream kernels and cuBLAS run on (tests and benchmarks time work on it).</summary>
    internal CudaStream ComputeStream => _compute;

    /// <summary>The stream host→device copies run on.</summary>
    internal CudaStream UploadStream => _upload;

    /// <summary>
    /// The backend of CUDA device <paramref name="ordinal"/>, created on first use and kept for the
    /// life of the process (it owns the device's pools and streams).
    /// </summary>
    /// <exception cref="NotSupportedException">No CUDA driver or no such device; the message says which and how to fix it.</exception>
    public static CudaBackend For(int ordinal)
    {
        if (CudaDriver.Unavailable is { } why)
        {
            throw new NotSupportedException($"Device cuda:{ordinal} is not usable: {why}");
        }
        var count = CudaDeviceProperties.Count();
        if (ordinal >= count)
        {
            throw new NotSupportedException(
                $"Device cuda:{ordinal} does not exist: the CUDA driver sees {count} device(s)" +
                (count > 0 ? $" (cuda:0 … cuda:{count - 1})" : "") + ". Pick one of those, or check CUDA_VISIBLE_DEVICES.");
        }
        return Backends.GetOrAdd(ordinal, o => new Lazy<CudaBackend>(() => new CudaBackend(o))).Value;
    }

    public IDeviceBuffer Allocate(DType dtype, ReadOnlySpan<int> shape)
    {
        var dims = shape.ToArray();
        long length = 1;
        foreach (var d in dims)
        {
            if (d < 0)
            {
                throw new ArgumentException(
                    $"Shape [{string.Join(", ", dims)}] has a negative extent; every axis needs 0 or more elements.", nameof(shape));
            }
            length *= d;
        }
        var bytes = length * dtype.Size();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (bytes == 0)
            {
                return new CudaBuffer(this, default, dtype, dims, length);
            }
        }
        try
        {
            return AllocateBlock(dtype, dims, length, bytes);
        }
        catch (CudaOutOfMemoryException) when (!_gate.IsHeldByCurrentThread)
        {
            // Buffers nobody disposed go back to the pool from their finalizers (see CudaBuffer);
            // the collector does not see device memory, so run it once before giving up. Never
            // while this thread holds the gate: the finalizers need it.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return AllocateBlock(dtype, dims, length, bytes);
        }
    }

    private CudaBuffer AllocateBlock(DType dtype, int[] dims, long length, long bytes)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var scope = _context.Enter();
            var block = _devicePool.Rent(bytes, out var fence);
            if (fence is CudaEvent busy)
            {
                // The fence is a compute-stream event (see Free), so compute work is already ordered
                // after the block's previous use; an upload into it must wait for that use too.
                _upload.Wait(busy);
            }
            fence?.Dispose();
            return new CudaBuffer(this, block, dtype, dims, length) { NeedsZeroFill = true };
        }
    }

    public void Free(IDeviceBuffer buffer)
    {
        var b = Own(buffer, nameof(buffer));
        lock (_gate)
        {
            if (b.IsDisposed)
            {
                return;
            }
            b.IsDisposed = true;
            GC.SuppressFinalize(b); // freed here, by Dispose or not: its finalizer has nothing left to do
            if (_disposed || b.Block.Size == 0)
            {
                return;
            }
            using var scope = _context.Enter();
            // Everything that may still use the block, an upload or a kernel, ends before this event.
            OrderComputeAfterCopies(b);
            _devicePool.Return(b.Block, _compute.Record());
        }
    }

    public void Synchronize()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var scope = _context.Enter();
            _upload.Synchronize();
            _compute.Synchronize();
            _download.Synchronize();
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
            using (_context.Enter())
            {
                _compute.Synchronize();
                _upload.Synchronize();
                _download.Synchronize();
                _devicePool.Dispose();
                _pinnedPool.Dispose();
                DisposeBlas();
                DisposeModules();
                _compute.Dispose();
                _upload.Dispose();
                _download.Dispose();
            }
            _context.Dispose();
            _disposed = true;
        }
    }

    internal CudaBuffer Own(IDeviceBuffer buffer, string name)
    {
        ArgumentNullException.ThrowIfNull(buffer, name);
        return buffer as CudaBuffer is { } b && ReferenceEquals(b.Owner, this)
            ? b
            : throw new ArgumentException(
                $"{name} is {buffer}, not a buffer of {Device}. Allocate it with this device's backend, or copy it through the host.", name);
    }

    /// <summary>
    /// Readies <paramref name="buffer"/> for compute-stream work that reads it (zero filling it if it
    /// still owes that) or overwrites all of it (no fill needed). Call with the context current.
    /// </summary>
    private void PrepareForCompute(CudaBuffer buffer, bool overwritten)
    {
        OrderComputeAfterCopies(buffer);
        if (buffer.NeedsZeroFill)
        {
            if (!overwritten)
            {
                CudaException.ThrowIfFailed(_driver.MemsetD8Async(buffer.Address, 0, (nuint)buffer.ByteSize, _compute.Handle));
            }
            buffer.NeedsZeroFill = false;
        }
    }

    /// <summary>Makes the compute stream wait for <paramref name="buffer"/>'s pending upload, and marks it used by compute.</summary>
    private void OrderComputeAfterCopies(CudaBuffer buffer)
    {
        if (buffer.PendingCopyWrite is { } pending)
        {
            _compute.Wait(pending);
            pending.Dispose();
            buffer.PendingCopyWrite = null;
        }
        buffer.UsedByCompute = true;
    }
}
