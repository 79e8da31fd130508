namespace Tessera.Kernels.Cuda;

/// <summary>
/// A device (or pinned host) allocation failed even after the memory pool released every cached
/// block. The message gives the requested, free, total and pool-held bytes.
/// </summary>
public sealed class CudaOutOfMemoryException : CudaException
{
    /// <summary>Creates the exception from the figures at the time of failure.</summary>
    public CudaOutOfMemoryException(string what, long requestedBytes, long freeBytes, long totalBytes, long poolInUseBytes, long poolCachedBytes)
        : base(
            $"Out of {what} memory: requested {Bytes(requestedBytes)}, but only {Bytes(freeBytes)} of {Bytes(totalBytes)} are free " +
            $"(this process's pool holds {Bytes(poolInUseBytes)} in live buffers and {Bytes(poolCachedBytes)} cached, after releasing " +
            "its cache and retrying). Use smaller chunks, lower ComputeOptions.MemoryLimit, or free buffers you no longer need.")
    {
        RequestedBytes = requestedBytes;
        FreeBytes = freeBytes;
        TotalBytes = totalBytes;
        PoolInUseBytes = poolInUseBytes;
    }

    /// <summary>Creates the exception with a message (prefer the figures constructor).</summary>
    public CudaOutOfMemoryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public CudaOutOfMemoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public CudaOutOfMemoryException()
    {
    }

    /// <summary>Bytes asked for.</summary>
    public long RequestedBytes { get; }

    /// <summary>Bytes the device reported free after the pool released its cache.</summary>
    public long FreeBytes { get; }

    /// <summary>The device's total bytes.</summary>
    public long TotalBytes { get; }

    /// <summary>Bytes held by live buffers of this pool.</summary>
    public long PoolInUseBytes { get; }

    internal static string Bytes(long n) => n switch
    {
        >= 1L << 30 => $"{n / (double)(1L << 30):0.##} GiB ({n} bytes)",
        >= 1L << 20 => $"{n / (double)(1L << 20):0.##} MiB ({n} bytes)",
        _ => $"{n} bytes",
    };
}
