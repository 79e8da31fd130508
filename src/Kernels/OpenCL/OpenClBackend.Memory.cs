using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using static Tessera.Kernels.OpenCL.Native.OpenClNative;

namespace Tessera.Kernels.OpenCL;

// Buffers, host copies and the short-lived device memory of single launches.
internal sealed partial class OpenClBackend
{
    public unsafe IDeviceBuffer Allocate(DType dtype, ReadOnlySpan<int> shape)
    {
        var dims = Shapes.Check(shape.ToArray());
        var bytes = Shapes.Length(dims) * dtype.Size();
        int status;
        // OpenCL rejects empty buffers; an empty array still gets a handle of one byte.
        var memory = clCreateBuffer(_context, Native.OpenClConstants.MemReadWrite, (nuint)Math.Max(bytes, 1), null, &status);
        OpenClException.ThrowIfFailed(status, $"clCreateBuffer({bytes} bytes)");
        var buffer = new OpenClBuffer(Device, memory, dtype, dims);
        if (bytes > 0)
        {
            byte zero = 0;
            OpenClException.ThrowIfFailed(clEnqueueFillBuffer(_queue, memory, &zero, 1, 0, (nuint)bytes, 0, null, null));
        }
        return buffer;
    }

    public void Free(IDeviceBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        buffer.Dispose();
    }

    public unsafe void CopyFromHost<T>(ReadOnlySpan<T> source, IDeviceBuffer destination) where T : unmanaged
    {
        var d = Typed<T>(destination, nameof(destination));
        CheckLength(source.Length, d.Length);
        if (source.IsEmpty)
        {
            return;
        }
        // Blocking: the span may not outlive this call.
        fixed (T* s = source)
        {
            OpenClException.ThrowIfFailed(clEnqueueWriteBuffer(_queue, d.Memory, 1, 0, (nuint)(source.Length * sizeof(T)), s, 0, null, null));
        }
        GC.KeepAlive(d);
    }

    public unsafe void CopyToHost<T>(IDeviceBuffer source, Span<T> destination) where T : unmanaged
    {
        var s = Typed<T>(source, nameof(source));
        CheckLength(destination.Length, s.Length);
        if (destination.IsEmpty)
        {
            return;
        }
        nint done;
        fixed (T* d = destination)
        {
            // In-order queue: the read waits for every kernel enqueued before it; its event says when the bytes are here.
            OpenClException.ThrowIfFailed(clEnqueueReadBuffer(_queue, s.Memory, 0, 0, (nuint)(destination.Length * sizeof(T)), d, 0, null, &done));
            try
            {
                OpenClException.ThrowIfFailed(clWaitForEvents(1, &done));
            }
            finally
            {
                _ = clReleaseEvent(done);
            }
        }
        GC.KeepAlive(s);
    }

    /// <summary>A read-only device copy of a layout table, for one launch; see <see cref="ReleaseWhenDone"/>.</summary>
    private unsafe nint Table(long[] values)
    {
        int status;
        nint memory;
        fixed (long* v = values)
        {
            memory = clCreateBuffer(_context, Native.OpenClConstants.MemReadOnly | Native.OpenClConstants.MemCopyHostPointer,
                (nuint)(Math.Max(values.Length, 1) * sizeof(long)), values.Length == 0 ? null : v, &status);
        }
        OpenClException.ThrowIfFailed(status, "clCreateBuffer(layout)");
        return memory;
    }

    /// <summary>Uninitialised device memory for one launch (reduction partials); see <see cref="ReleaseWhenDone"/>.</summary>
    private unsafe nint Scratch(long bytes)
    {
        int status;
        var memory = clCreateBuffer(_context, Native.OpenClConstants.MemReadWrite, (nuint)Math.Max(bytes, 1), null, &status);
        OpenClException.ThrowIfFailed(status, $"clCreateBuffer(scratch, {bytes} bytes)");
        return memory;
    }

    /// <summary>
    /// Releases per-launch memory when the command behind <paramref name="done"/> completes (or
    /// at once when there is no such command). Not right after enqueueing: a driver may read
    /// kernel arguments when the kernel starts, not when it is enqueued.
    /// </summary>
    private static unsafe void ReleaseWhenDone(nint done, params nint[] memory)
    {
        foreach (var m in memory.Where(m => m != 0))
        {
            if (done == 0)
            {
                _ = clReleaseMemObject(m);
                continue;
            }
            _ = clRetainEvent(done);
            if (clSetEventCallback(done, 0, &OnCommandComplete, m) != 0)
            {
                // No callback: wait instead, which is slower but never frees memory in use.
                _ = clWaitForEvents(1, &done);
                _ = clReleaseEvent(done);
                _ = clReleaseMemObject(m);
            }
        }
        if (done != 0)
        {
            _ = clReleaseEvent(done);
        }
    }

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static void OnCommandComplete(nint evt, int status, nint memory)
    {
        _ = clReleaseMemObject(memory);
        _ = clReleaseEvent(evt);
    }
}
