using System.Runtime.InteropServices;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cuda.Memory;

namespace Tessera.Kernels.Cuda;

internal sealed unsafe partial class CudaBackend
{
    /// <summary>
    /// Host copies move through pinned blocks of at most this size: big enough to run the copy
    /// engine at full speed, small enough that the host memcpy of one piece overlaps the DMA of
    /// the previous one and that pinned memory stays bounded.
    /// </summary>
    internal const long StagingBytes = 8L << 20;

    // Pieces of a download in flight at once (each holds one pinned block).
    private const int DownloadWindow = 4;

    public void CopyFromHost<T>(ReadOnlySpan<T> source, IDeviceBuffer destination) where T : unmanaged
    {
        var d = Checked<T>(destination, source.Length, nameof(destination));
        var bytes = MemoryMarshal.AsBytes(source);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (bytes.Length == 0)
            {
                return;
            }
            using var scope = _context.Enter();
            if (d.UsedByCompute)
            {
                // Kernels queued earlier may still read the old contents.
                using var computeDone = _compute.Record();
                _upload.Wait(computeDone);
                d.UsedByCompute = false;
            }
            for (long offset = 0; offset < bytes.Length; offset += StagingBytes)
            {
                var count = (int)Math.Min(StagingBytes, bytes.Length - offset);
                var block = RentPinned(count);
                bytes.Slice((int)offset, count).CopyTo(new Span<byte>((void*)block.Address, count));
                CudaException.ThrowIfFailed(_driver.MemcpyHtoDAsync(d.Address + (ulong)offset, (void*)block.Address, (nuint)count, _upload.Handle));
                _pinnedPool.Return(block, _upload.Record());
            }
            d.PendingCopyWrite?.Dispose();
            d.PendingCopyWrite = _upload.Record();
            d.NeedsZeroFill = false;
        }
    }

    public void CopyToHost<T>(IDeviceBuffer source, Span<T> destination) where T : unmanaged
    {
        var s = Checked<T>(source, destination.Length, nameof(source));
        var bytes = MemoryMarshal.AsBytes(destination);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (bytes.Length == 0)
            {
                return;
            }
            if (s.NeedsZeroFill)
            {
                // Never written: its contents are zeros by definition, no device work needed.
                bytes.Clear();
                return;
            }
            using var scope = _context.Enter();
            if (s.UsedByCompute)
            {
                using var computeDone = _compute.Record();
                _download.Wait(computeDone);
            }
            if (s.PendingCopyWrite is { } pending)
            {
                _download.Wait(pending);
            }
            var inFlight = new Queue<(PoolBlock Block, CudaEvent Done, long Offset, int Count)>();
            try
            {
                for (long offset = 0; offset < bytes.Length || inFlight.Count > 0;)
                {
                    if (offset < bytes.Length && inFlight.Count < DownloadWindow)
                    {
                        var count = (int)Math.Min(StagingBytes, bytes.Length - offset);
                        var block = RentPinned(count);
                        CudaException.ThrowIfFailed(_driver.MemcpyDtoHAsync((void*)block.Address, s.Address + (ulong)offset, (nuint)count, _download.Handle));
                        inFlight.Enqueue((block, _download.Record(), offset, count));
                        offset += count;
                        continue;
                    }
                    var (b, done, at, n) = inFlight.Dequeue();
                    done.Wait();
                    done.Dispose();
                    new ReadOnlySpan<byte>((void*)b.Address, n).CopyTo(bytes.Slice((int)at, n));
                    _pinnedPool.Return(b, null);
                }
            }
            finally
            {
                while (inFlight.TryDequeue(out var left))
                {
                    _pinnedPool.Return(left.Block, left.Done);
                }
            }
        }
    }

    /// <summary>Copies all of <paramref name="source"/> into <paramref name="destination"/> on the device (same type and length), on the compute stream.</summary>
    internal void CopyDeviceToDevice(IDeviceBuffer source, IDeviceBuffer destination)
    {
        var s = Own(source, nameof(source));
        var d = Own(destination, nameof(destination));
        if (s.DType != d.DType || s.Length != d.Length)
        {
            throw new ArgumentException(
                $"A device copy needs buffers of one type and length; got {s} and {d}.", nameof(destination));
        }
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (s.ByteSize == 0)
            {
                return;
            }
            using var scope = _context.Enter();
            PrepareForCompute(s, overwritten: false);
            PrepareForCompute(d, overwritten: !ReferenceEquals(s, d));
            CudaException.ThrowIfFailed(_driver.MemcpyDtoDAsync(d.Address, s.Address, (nuint)s.ByteSize, _compute.Handle));
        }
    }

    private PoolBlock RentPinned(long bytes)
    {
        var block = _pinnedPool.Rent(bytes, out var fence);
        if (fence is not null)
        {
            // The host is about to write or read the block: the copy that used it must be done.
            fence.Wait();
            fence.Dispose();
        }
        return block;
    }

    private CudaBuffer Checked<T>(IDeviceBuffer buffer, int hostLength, string name) where T : unmanaged
    {
        var b = Own(buffer, name);
        ObjectDisposedException.ThrowIf(b.IsDisposed, b);
        var type = DTypes.Of<T>();
        if (b.DType != type)
        {
            throw new ArgumentException(
                $"{name} holds {b.DType} but the host span is {type}. Use a span of the buffer's element type.", name);
        }
        if (hostLength != b.Length)
        {
            throw new ArgumentException(
                $"The host span has {hostLength} elements but the buffer has {b.Length}. Pass a span of exactly the buffer's length.");
        }
        return b;
    }
}
